import { chmod, rm } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { log } from '../log';
import { writeBackup } from './dump';
import { BackupError } from './format';

/**
 * The embedded engine belongs to one process: a backup script that opened a
 * running server's data directory would corrupt it. The server therefore
 * offers backups itself on a Unix socket inside the data directory, readable
 * by whoever may read the data directory anyway, and `npm run backup` asks
 * there first.
 */
export const liveSocketPath = (dataDir: string) => join(dataDir, 'backup.sock');

const REQUEST = 'backup\n';

export interface LiveBackups {
	close(): Promise<void>;
}

/** Undefined when the socket cannot be made (a path too long for one, a read-only directory): the server runs on without it. */
export async function serveLiveBackups(db: Kysely<any>, dataDir: string): Promise<LiveBackups | undefined> {
	try {
		return await listen(db, liveSocketPath(dataDir));
	} catch (error) {
		log.warn('backup.live_socket_unavailable', { dataDir, error: error instanceof Error ? error : String(error) });
		return undefined;
	}
}

async function listen(db: Kysely<any>, path: string): Promise<LiveBackups> {
	// Left by a process that died; this process holds the data directory now.
	await rm(path, { force: true });
	const open = new Set<Socket>();
	const server = createServer((socket) => {
		open.add(socket);
		socket.on('close', () => open.delete(socket));
		socket.on('error', () => {});
		// Only a request starts the snapshot; a probe that connects and leaves costs nothing.
		socket.once('data', () => {
			writeBackup(db, socket, 'pglite').then(
				(summary) => log.info('backup.written', { tables: summary.tables, rows: summary.rows }),
				(error: unknown) => {
					// A script stopped half-way is the operator's business; anything else is the server's.
					if (error instanceof BackupError) log.info('backup.abandoned', { reason: error.message });
					else log.error('backup.failed', { error: error instanceof Error ? error : String(error) });
					socket.destroy();
				}
			);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(path, resolve);
	});
	await chmod(path, 0o600);
	server.unref();
	return {
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				// A backup still being read ends with the server; its file then lacks its end line and is refused.
				for (const socket of open) socket.destroy();
			})
	};
}

/**
 * Streams a backup from the server running on `dataDir` into `out`; false when
 * no server answers there (then the data directory is free to open).
 */
export function requestLiveBackup(dataDir: string, out?: Writable): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const socket = createConnection(liveSocketPath(dataDir));
		socket.once('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(false);
			else reject(error);
		});
		socket.once('connect', () => {
			if (!out) {
				socket.end();
				resolve(true);
				return;
			}
			socket.write(REQUEST);
			socket.pipe(out);
			out.once('finish', () => resolve(true));
			out.once('error', reject);
		});
	});
}
