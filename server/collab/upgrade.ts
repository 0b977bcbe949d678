import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { log } from '../log';
import { admit } from './authenticate';
import type { LiveDocument } from './document';
import { isWebSocketHandshake, refuseUpgrade, type RefusalStatus } from './http';
import { CapacityError, type Registry } from './registry';
import type { Sockets } from './sockets';
import type { CollabHooks } from './types';

export interface UpgradeDeps {
	hooks: Pick<CollabHooks, 'authenticate' | 'authorise' | 'record'>;
	allowedOrigins: readonly string[];
	instance: string;
	wss: WebSocketServer;
	registry: Registry;
	sockets: Sockets;
	closing(): boolean;
}

/**
 * Decides an upgrade request completely, including the document's load,
 * before ws writes `101 Switching Protocols`; every refusal is a plain HTTP
 * status on a socket that never became a WebSocket.
 */
export function createUpgradeHandler(deps: UpgradeDeps) {
	const { hooks, instance, wss, registry, sockets } = deps;
	/** What upgrades that ws may still reject hold, to give back if it does. */
	const pending = new Map<IncomingMessage, () => void>();

	function refuse(socket: Duplex, status: RefusalStatus, reason: string, doc?: string): void {
		log.info('collab.upgrade_refused', { status, reason, doc });
		refuseUpgrade(socket, status, instance);
	}

	wss.on('wsClientError', (error, socket, req) => {
		pending.get(req)?.();
		pending.delete(req);
		refuse(socket, 400, `handshake failed: ${error.message}`);
	});

	/** Every opening of a case's document, and every refusal of one, is recorded; never its content. */
	function recordCaseDocument(userId: string, outcome: 'success' | 'denied', caseId: string, doc: string): void {
		hooks.record({ kind: 'case_document', userId, doc, caseId, outcome });
	}

	/** The document an upgrade asked for, as its path names it. */
	const requested = (req: IncomingMessage) => decodeURIComponent(new URL(req.url ?? '/', 'http://collab.invalid').pathname.slice('/collab/'.length));

	async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		// Until ws owns the socket, a client hanging up must not become an unhandled error.
		socket.on('error', () => {});
		if (deps.closing()) return refuse(socket, 503, 'shutting down');
		if (!isWebSocketHandshake(req)) return refuse(socket, 400, 'not a WebSocket handshake');
		let admission: Awaited<ReturnType<typeof admit>>;
		try {
			admission = await admit(req, hooks, deps.allowedOrigins);
		} catch (error) {
			log.error('collab.upgrade_failed', { error: error instanceof Error ? error : String(error) });
			return refuse(socket, 503, 'storage unavailable');
		}
		if (!admission.ok) {
			if (admission.audit) recordCaseDocument(admission.audit.userId, 'denied', admission.audit.caseId, requested(req));
			return refuse(socket, admission.status, admission.reason);
		}
		const admitted = admission;
		if (admitted.caseId) recordCaseDocument(admitted.actor.userId, 'success', admitted.caseId, admitted.name);
		const { name, actor } = admitted;
		if (!sockets.perUser.tryReserve(actor.userId)) return refuse(socket, 429, 'too many connections for user', name);
		let live: LiveDocument;
		try {
			live = await registry.acquire(name);
		} catch (error) {
			sockets.perUser.release(actor.userId);
			if (error instanceof CapacityError) return refuse(socket, 503, 'too many documents in memory', name);
			log.error('collab.load_failed', { doc: name, error: error instanceof Error ? error : String(error) });
			return refuse(socket, 503, 'document could not be loaded', name);
		}
		const abandon = () => {
			registry.release(live);
			sockets.perUser.release(actor.userId);
		};
		if (deps.closing() || socket.destroyed) {
			abandon();
			socket.destroy();
			return;
		}
		pending.set(req, abandon);
		// ws drops a socket that closed meanwhile without calling back or reporting an error.
		socket.once('close', () => {
			pending.get(req)?.();
			pending.delete(req);
		});
		wss.handleUpgrade(req, socket, head, (ws) => {
			pending.delete(req);
			if (deps.closing()) {
				abandon();
				ws.close(1001, 'server shutting down');
				return;
			}
			sockets.attach(ws, admitted, live);
		});
	}

	return {
		handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
			upgrade(req, socket, head).catch((error: unknown) => {
				log.error('collab.upgrade_failed', { error: error instanceof Error ? error : String(error) });
				refuseUpgrade(socket, 500, instance);
			});
		},
		/** Gives back what upgrades in flight hold, for shutdown. */
		abandonAll(): void {
			for (const abandon of pending.values()) abandon();
			pending.clear();
		}
	};
}
