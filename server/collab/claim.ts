import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { log } from '../log';

/** The advisory lock every running Concord instance holds on its database (an arbitrary constant). */
const INSTANCE_LOCK = 0x636f6e63;

/** Another process holds the database in a way this one cannot share. */
export class DatabaseClaimedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DatabaseClaimedError';
	}
}

export interface Claim {
	release(): Promise<void>;
}

/**
 * Without a relay between instances, two processes on one database would each
 * hold their own copy of a live document and drift apart silently; so an
 * instance without Redis holds PostgreSQL's session-level advisory lock
 * exclusively, and instances with Redis hold it shared. One session of the
 * pool is kept for as long as the process runs; when the process dies, so
 * does its session, and the lock with it.
 *
 * The embedded engine's data directory is claimed with `claimDataDir`.
 */
export async function claimDatabase(db: Kysely<DB>, shared: boolean): Promise<Claim> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let claimed!: (ok: boolean) => void;
	const answer = new Promise<boolean>((resolve) => (claimed = resolve));
	const session = db
		.connection()
		.execute(async (conn) => {
			const fn = shared ? sql`pg_try_advisory_lock_shared(${INSTANCE_LOCK})` : sql`pg_try_advisory_lock(${INSTANCE_LOCK})`;
			const { rows } = await sql<{ ok: boolean }>`select ${fn} as ok`.execute(conn);
			const ok = rows[0]?.ok === true;
			claimed(ok);
			if (!ok) return;
			await held;
			const unlock = shared ? sql`pg_advisory_unlock_shared(${INSTANCE_LOCK})` : sql`pg_advisory_unlock(${INSTANCE_LOCK})`;
			await sql`select ${unlock}`.execute(conn);
		})
		.catch((error: unknown) => {
			claimed(false);
			log.error('collab.claim_lost', { error: error instanceof Error ? error : String(error) });
		});
	if (!(await answer)) {
		await session;
		throw new DatabaseClaimedError(
			shared
				? 'Another Concord instance runs on this database without REDIS_URL, so this one cannot join it.'
				: 'Another Concord instance already runs on this database; set REDIS_URL on every instance to run more than one.'
		);
	}
	return {
		async release() {
			release();
			await session;
		}
	};
}

const PID_FILE = 'concord.pid';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The embedded engine lets a second process open a data directory in use,
 * and the two then corrupt it: a pid file, created exclusively before the
 * engine opens, keeps the second one out. A file left by a process that died
 * is taken over.
 */
export function claimDataDir(dir: string): Claim {
	mkdirSync(dir, { recursive: true });
	const file = join(dir, PID_FILE);
	for (let attempt = 0; ; attempt++) {
		try {
			writeFileSync(file, String(process.pid), { flag: 'wx' });
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
			const pid = Number(readFileSync(file, 'utf8').trim());
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
				throw new DatabaseClaimedError(
					`Another Concord process (pid ${pid}) already uses the data directory ${dir}; the embedded database serves one process only.`
				);
			}
			rmSync(file, { force: true });
		}
	}
	return {
		async release() {
			rmSync(file, { force: true });
		}
	};
}
