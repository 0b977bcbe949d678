import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { log } from '../log';

/** Key of the advisory lock that lets one instance at a time vacuum the log tables. */
const VACUUM_LOCK = 0x76616375;

/**
 * Reclaims what compaction leaves behind: the deleted log rows and the old
 * versions of replaced snapshots stay in the data files, holding the text
 * that was folded (deleted text included), until a VACUUM frees their space.
 * PostgreSQL's autovacuum would get to it eventually; the embedded engine has
 * no autovacuum at all, and its log would grow with every keystroke ever
 * typed. A VACUUM holds the embedded engine while it runs, so it waits for a
 * quiet spell: `quietMs` without a commit.
 *
 * Instances sharing a database (`shared`) vacuum the same two tables: the one
 * that gets a session-level advisory lock runs it, the others skip theirs
 * (VACUUM cannot run in a transaction, so a transaction-level lock cannot
 * hold it).
 */
export class Vacuum {
	private folded = 0;
	private timer: NodeJS.Timeout | null = null;
	private running: Promise<void> | null = null;
	private stopped = false;

	constructor(
		private readonly db: Kysely<DB>,
		private readonly quietMs: number,
		/** performance.now() of the latest commit of the update log. */
		private readonly lastCommitAt: () => number,
		private readonly shared = false
	) {}

	/** Compaction deleted `rows` log rows. */
	compacted(rows: number): void {
		if (rows <= 0 || this.stopped) return;
		this.folded += rows;
		this.schedule(this.quietMs);
	}

	/** Vacuums now if anything was folded since the last run; for shutdown, after the final compactions. */
	async finish(): Promise<void> {
		this.stop();
		await this.running;
		if (this.folded > 0) await this.run();
	}

	/** Schedules nothing more; for a shutdown that could not write everything. */
	stop(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	private schedule(ms: number): void {
		if (this.timer || this.running) return;
		this.timer = setTimeout(() => {
			this.timer = null;
			const quietFor = performance.now() - this.lastCommitAt();
			if (quietFor < this.quietMs) this.schedule(this.quietMs - quietFor);
			else void this.run();
		}, ms);
		this.timer.unref();
	}

	private run(): Promise<void> {
		const rows = this.folded;
		this.folded = 0;
		const started = performance.now();
		this.running = this.vacuum()
			.then(
				(ran) => log.info(ran ? 'collab.vacuumed' : 'collab.vacuum_skipped', { rows, ms: Math.round(performance.now() - started) }),
				(error: unknown) => {
					this.folded += rows;
					log.warn('collab.vacuum_failed', { error: error instanceof Error ? error : String(error) });
				}
			)
			.finally(() => {
				this.running = null;
				if (this.folded > 0 && !this.stopped) this.schedule(this.quietMs);
			});
		return this.running;
	}

	/** False when another instance was vacuuming. */
	private async vacuum(): Promise<boolean> {
		if (!this.shared) {
			await sql`vacuum doc_update, doc_snapshot`.execute(this.db);
			return true;
		}
		return this.db.connection().execute(async (conn) => {
			const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${VACUUM_LOCK}) as ok`.execute(conn);
			if (!rows[0]?.ok) return false;
			try {
				await sql`vacuum doc_update, doc_snapshot`.execute(conn);
			} finally {
				await sql`select pg_advisory_unlock(${VACUUM_LOCK})`.execute(conn);
			}
			return true;
		});
	}
}
