import type { WebSocket } from 'ws';
import { encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { log } from '../log';
import type { Admitted } from './authenticate';
import { releaseClientIds } from './awareness';
import { Connection, handleFrame, type FrameContext } from './connection';
import type { LiveDocument } from './document';
import { UserSockets } from './limits';
import type { Registry } from './registry';
import type { CollabSettings } from './settings';
import { encodeAwareness, encodeSyncStep1 } from './wire';

export interface SocketDeps {
	settings: CollabSettings;
	registry: Registry;
	frames: FrameContext;
	storageUnavailable(): boolean;
}

/** The open connections: by document, by user, and their liveness. */
export class Sockets {
	readonly all = new Set<Connection>();
	readonly perUser: UserSockets;
	private readonly byUser = new Map<string, Set<Connection>>();
	private readonly pinger: NodeJS.Timeout;

	constructor(private readonly deps: SocketDeps) {
		this.perUser = new UserSockets(deps.settings.maxConnectionsPerUser);
		// A socket that died without a close frame is found by its missing pong.
		this.pinger = setInterval(() => {
			for (const conn of this.all) {
				if (!conn.alive) conn.ws.terminate();
				else {
					conn.alive = false;
					conn.ws.ping();
				}
			}
		}, deps.settings.pingIntervalMs);
		this.pinger.unref();
	}

	ofUser(userId: string): Iterable<Connection> {
		return this.byUser.get(userId) ?? [];
	}

	/** Starts serving an accepted socket: sync step 1 and present awareness first. */
	attach(ws: WebSocket, admission: Admitted, live: LiveDocument): Connection {
		const conn = new Connection(ws, live, admission, this.deps.settings);
		live.connections.add(conn);
		this.all.add(conn);
		const mine = this.byUser.get(admission.actor.userId) ?? new Set<Connection>();
		mine.add(conn);
		this.byUser.set(admission.actor.userId, mine);
		const fields = { doc: live.name, user: conn.identity.id, connection: conn.id };
		ws.on('message', (data, isBinary) => handleFrame(this.deps.frames, conn, data, isBinary));
		ws.on('pong', () => (conn.alive = true));
		// ws closes the socket itself (1009 for an oversized frame, 1002 for a protocol error).
		ws.on('error', (error) => log.warn('collab.socket_error', { ...fields, reason: error.message }));
		ws.on('close', (code, reason) => this.detach(conn, code, reason.toString()));
		log.info('collab.connected', { ...fields, mode: conn.mode });
		conn.send(encodeSyncStep1(Y.encodeStateVector(live.doc)));
		if (admission.stateVector) {
			conn.answeredStateVector = admission.stateVector;
			this.deps.frames.answerSync(conn, admission.stateVector);
		}
		const present = [...live.awareness.getStates().keys()];
		if (present.length) conn.send(encodeAwareness(encodeAwarenessUpdate(live.awareness, present)));
		if (conn.mode === 'read') conn.notify('read-only');
		if (this.deps.storageUnavailable()) conn.notify('storage-unavailable');
		return conn;
	}

	closeUser(userId: string, code: number, reason: string): void {
		for (const conn of [...this.ofUser(userId)]) {
			log.info('collab.revoked', { doc: conn.live.name, user: userId, connection: conn.id, reason });
			conn.close(code, reason);
		}
	}

	closeAll(code: number, reason: string): void {
		for (const conn of this.all) conn.close(code, reason);
	}

	/** For shutdown: stops pinging and drops sockets whose close handshake has not finished. */
	stop(): void {
		clearInterval(this.pinger);
		for (const conn of this.all) conn.ws.terminate();
	}

	private detach(conn: Connection, code: number, reason: string): void {
		if (!this.all.delete(conn)) return;
		const live = conn.live;
		live.connections.delete(conn);
		const userId = conn.admission.actor.userId;
		const mine = this.byUser.get(userId);
		mine?.delete(conn);
		if (mine?.size === 0) this.byUser.delete(userId);
		this.perUser.release(userId);
		const ids = releaseClientIds(live, conn);
		if (ids.length) removeAwarenessStates(live.awareness, ids, conn);
		this.deps.registry.release(live);
		log.info('collab.disconnected', { doc: live.name, user: userId, connection: conn.id, code, reason, droppedEdits: conn.droppedEdits });
	}
}
