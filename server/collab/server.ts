import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Kysely } from 'kysely';
import { WebSocketServer } from 'ws';
import type { Config } from '../config';
import type { DB } from '../db/schema';

export interface CollabServer {
	/** Takes over an HTTP upgrade request for `/collab/<document>`. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Closes every socket a user holds (sign-out everywhere, disabling, revocation). */
	closeUserConnections(userId: string, reason: string): void;
	/** Flushes pending writes and closes every socket. */
	close(): Promise<void>;
}

export interface CollabOptions {
	db: Kysely<DB>;
	config: Config;
	/** The runtime's id, sent on every upgrade answer so operators can tell processes apart. */
	instance: string;
}

export function createCollabServer(options: CollabOptions): CollabServer {
	const wss = new WebSocketServer({ noServer: true });
	wss.on('headers', (headers) => headers.push(`X-Concord-Instance: ${options.instance}`));
	return {
		handleUpgrade(req, socket, head) {
			wss.handleUpgrade(req, socket, head, (ws) => ws.close(1013, 'collaboration not available'));
		},
		closeUserConnections() {},
		async close() {
			for (const ws of wss.clients) ws.terminate();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}
