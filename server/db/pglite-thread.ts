import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type CompiledQuery,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Kysely,
	type QueryResult,
	type TransactionSettings
} from 'kysely';

interface Answer {
	rows: unknown[];
	affectedRows: number;
}
interface Waiting {
	resolve(answer: Answer & { archive?: Uint8Array }): void;
	reject(error: Error): void;
	/** Made when the query was sent, so a failure points at the code that asked. */
	error: Error;
}
type Reply =
	| { type: 'ready' | 'closed' }
	| { type: 'failed'; error: Record<string, unknown> }
	| ({ id: number } & ({ error: Record<string, unknown> } | Answer | { archive: Uint8Array }));

/*
 * The worker is plain JavaScript found through the package's own "imports"
 * map, which resolves the same from the sources and from the built server
 * (a path relative to this module would not survive bundling).
 */
const WORKER = createRequire(import.meta.url).resolve('#pglite-worker');

/** The fields of a database error, back on an Error whose stack shows the caller. */
function revive(error: Error, fields: Record<string, unknown>): Error {
	error.message = String(fields.message);
	for (const [key, value] of Object.entries(fields)) if (key !== 'message' && key !== 'name') Object.assign(error, { [key]: value });
	return error;
}

/**
 * The embedded engine (PGlite) on a worker thread. PGlite executes statements
 * synchronously on its calling thread; on the main thread every commit would
 * stall the collaboration sockets and page rendering. Here the main thread only
 * posts the statement and gets the rows back.
 */
export class PGliteThread {
	private readonly worker: Worker;
	private readonly waiting = new Map<number, Waiting>();
	private nextId = 1;
	private stopped: Error | null = null;
	private onClosed: (() => void) | null = null;
	private closing: Promise<void> | null = null;

	private constructor(dataDir: string, startFrom: string | undefined, ready: (error?: Error) => void) {
		this.worker = new Worker(WORKER, { workerData: { dataDir, startFrom } });
		this.worker.on('message', (reply: Reply) => {
			if ('id' in reply) return this.answer(reply);
			if (reply.type === 'ready') {
				// Started: from now on only pending queries keep the process alive.
				if (this.waiting.size === 0) this.worker.unref();
				ready();
			} else if (reply.type === 'failed') {
				ready(revive(new Error(), reply.error));
				void this.worker.terminate();
			} else this.onClosed?.();
		});
		this.worker.on('error', (error) => this.stop(error));
		this.worker.on('exit', (code) => {
			const error = new Error(`embedded database thread exited (${code})`);
			ready(error);
			this.stop(error);
		});
	}

	/**
	 * Starts the engine on `dataDir` (a directory, or `memory://`); with
	 * `startFrom`, on a copy of the data directory that file archives
	 * (`archive()`), which skips creating an empty cluster.
	 */
	static start(dataDir: string, startFrom?: string): Promise<PGliteThread> {
		return new Promise((resolve, reject) => {
			const thread: PGliteThread = new PGliteThread(dataDir, startFrom, (error) => (error ? reject(error) : resolve(thread)));
		});
	}

	query(sql: string, params: readonly unknown[]): Promise<Answer> {
		return this.ask({ sql, params });
	}

	/** The data directory as one uncompressed tar, for another engine to start from. */
	async archive(): Promise<Uint8Array> {
		const { archive } = await this.ask({ type: 'archive' });
		if (!archive) throw new Error('the embedded database thread sent no archive');
		return archive;
	}

	private ask(message: { sql: string; params: readonly unknown[] } | { type: 'archive' }): Promise<Answer & { archive?: Uint8Array }> {
		if (this.stopped) return Promise.reject(new Error(this.stopped.message));
		const id = this.nextId++;
		if (this.waiting.size === 0) this.worker.ref();
		return new Promise((resolve, reject) => {
			this.waiting.set(id, { resolve, reject, error: new Error() });
			this.worker.postMessage({ id, ...message });
		});
	}

	/** Closes the engine cleanly (its files are consistent afterwards) and ends the thread; once. */
	close(): Promise<void> {
		this.closing ??= (async () => {
			if (this.stopped) return;
			this.worker.ref();
			await new Promise<void>((resolve) => {
				this.onClosed = resolve;
				this.worker.once('exit', () => resolve());
				this.worker.postMessage({ type: 'close' });
			});
			this.stop(new Error('embedded database is closed'));
			await this.worker.terminate();
		})();
		return this.closing;
	}

	private answer(reply: { id: number } & ({ error: Record<string, unknown> } | Answer | { archive: Uint8Array })): void {
		const waiting = this.waiting.get(reply.id);
		if (!waiting) return;
		this.waiting.delete(reply.id);
		if (this.waiting.size === 0) this.worker.unref();
		if ('error' in reply) waiting.reject(revive(waiting.error, reply.error));
		else if ('archive' in reply) waiting.resolve({ rows: [], affectedRows: 0, archive: reply.archive });
		else waiting.resolve(reply);
	}

	private stop(error: Error): void {
		if (this.stopped) return;
		this.stopped = error;
		for (const w of this.waiting.values()) w.reject(revive(w.error, { message: error.message }));
		this.waiting.clear();
	}
}

/**
 * PGlite is a single session. Statements outside a transaction go to the
 * thread as they come, and it runs them in that order, so they pipeline. A
 * transaction owns the session from its BEGIN to its end: everyone else's
 * statements wait at this gate meanwhile, so none runs inside it.
 */
class Session {
	private owner: ThreadConnection | null = null;
	private waiting: (() => void)[] = [];

	constructor(private readonly thread: PGliteThread) {}

	async run(connection: ThreadConnection, sql: string, params: readonly unknown[]) {
		while (this.owner && this.owner !== connection) await this.turn();
		return this.thread.query(sql, params);
	}

	async begin(connection: ThreadConnection, sql: string): Promise<void> {
		while (this.owner) await this.turn();
		this.owner = connection;
		try {
			await this.thread.query(sql, []);
		} catch (error) {
			this.release();
			throw error;
		}
	}

	async end(sql: string): Promise<void> {
		try {
			await this.thread.query(sql, []);
		} finally {
			this.release();
		}
	}

	private turn(): Promise<void> {
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	/** Everyone waiting tries again, in the order they came; the first BEGIN among them takes the session. */
	private release(): void {
		this.owner = null;
		const waiting = this.waiting;
		this.waiting = [];
		for (const resume of waiting) resume();
	}
}

class ThreadConnection implements DatabaseConnection {
	constructor(readonly session: Session) {}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const { rows, affectedRows } = await this.session.run(this, query.sql, query.parameters);
		return affectedRows ? { rows: rows as R[], numAffectedRows: BigInt(affectedRows) } : { rows: rows as R[] };
	}

	async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
		const { rows } = await this.executeQuery<R>(query);
		for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
	}
}

/** Hands every caller a connection at once; the session's gate keeps transactions whole. */
class ThreadDriver implements Driver {
	private readonly session: Session;

	constructor(private readonly thread: PGliteThread) {
		this.session = new Session(thread);
	}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		return new ThreadConnection(this.session);
	}

	async releaseConnection(): Promise<void> {}

	async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		const modes = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean);
		await this.session.begin(connection as ThreadConnection, `start transaction ${modes.join(', ')}`);
	}

	async commitTransaction(): Promise<void> {
		await this.session.end('commit');
	}

	async rollbackTransaction(): Promise<void> {
		await this.session.end('rollback');
	}

	async destroy(): Promise<void> {
		await this.thread.close();
	}
}

/** Kysely's PostgreSQL dialect over the embedded engine's thread. */
export class PGliteThreadDialect implements Dialect {
	constructor(private readonly thread: PGliteThread) {}
	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver() {
		return new ThreadDriver(this.thread);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
	createIntrospector(db: Kysely<unknown>) {
		return new PostgresIntrospector(db);
	}
}
