import { closeCode } from '../../src/lib/collab/protocol';
import { events } from '../events';
import { log } from '../log';
import type { Connection } from './connection';
import type { CollabSettings } from './settings';
import type { CollabHooks } from './types';

export interface RevocationDeps {
	hooks: Pick<CollabHooks, 'authorise' | 'sessionValid'>;
	settings: CollabSettings;
	/** The open connections of one user. */
	connectionsOf(userId: string): Iterable<Connection>;
	/** The open connections on one document. */
	connectionsOn(name: string): Iterable<Connection>;
	all(): Iterable<Connection>;
}

/**
 * Closes sockets whose grounds have gone: on the process's own events at
 * once, and by validating every open session again on a timer (sessions end
 * by expiry, or in another process, without an event here).
 */
export function watchRevocations(deps: RevocationDeps): () => void {
	const { hooks } = deps;

	const offSessions = events.on('sessions.ended', ({ userId, sessionIds, reason }) => {
		for (const conn of [...deps.connectionsOf(userId)]) {
			if (sessionIds && !sessionIds.includes(conn.admission.sessionId)) continue;
			log.info('collab.revoked', { doc: conn.live.name, user: userId, connection: conn.id, reason });
			conn.close(closeCode.sessionEnded, 'session ended');
		}
	});

	/** Asks the access module again; a socket whose rights went or changed closes. */
	const recheck = (conns: Iterable<Connection>, reason: string) => {
		for (const conn of [...conns]) {
			const fields = { doc: conn.live.name, user: conn.identity.id, connection: conn.id, reason };
			hooks.authorise(conn.admission.actor, conn.live.name).then(
				(access) => {
					if (!access.allowed) {
						log.info('collab.revoked', fields);
						conn.close(access.status === 404 ? closeCode.notFound : closeCode.forbidden, 'access revoked');
					} else if (access.mode !== conn.mode) {
						// The client reconnects at once and gets the new rights on a fresh socket.
						log.info('collab.access_changed', { ...fields, mode: access.mode });
						conn.close(closeCode.accessChanged, 'access changed');
					} else conn.admission.authority = access.authority;
				},
				(error: unknown) => log.error('collab.access_check_failed', { ...fields, error: error instanceof Error ? error : String(error) })
			);
		}
	};
	const offAccess = events.on('access.changed', ({ userId, reason }) => recheck(deps.connectionsOf(userId), reason));
	const offDocument = events.on('document.access_changed', ({ name, reason }) => recheck(deps.connectionsOn(name), reason));

	let checking = false;
	const timer = setInterval(async () => {
		if (checking) return;
		checking = true;
		try {
			const byToken = new Map<string, Connection[]>();
			for (const conn of deps.all()) {
				const list = byToken.get(conn.admission.token);
				if (list) list.push(conn);
				else byToken.set(conn.admission.token, [conn]);
			}
			for (const [token, conns] of byToken) {
				if (await hooks.sessionValid(token)) continue;
				for (const conn of conns) {
					log.info('collab.revoked', { doc: conn.live.name, user: conn.identity.id, connection: conn.id, reason: 'session_invalid' });
					conn.close(closeCode.sessionEnded, 'session ended');
				}
			}
		} catch (error) {
			log.warn('collab.session_check_failed', { error: error instanceof Error ? error : String(error) });
		} finally {
			checking = false;
		}
	}, deps.settings.sessionCheckMs);
	timer.unref();

	return () => {
		offSessions();
		offAccess();
		offDocument();
		clearInterval(timer);
	};
}
