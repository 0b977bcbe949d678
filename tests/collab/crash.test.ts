import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { engines } from '../support/database';
import { meetingDoc, openClient, waitFor, type TestServer } from './support';
import type { Engine } from '../../server/db/database';

const script = join(import.meta.dirname, 'fixtures', 'crash-server.ts');
const name = meetingDoc('dkt-wg:-1');
const ROUNDS = 3;

interface Child {
	process: ChildProcess;
	server: TestServer;
	tokens: string[];
}

/** Starts the fixture and waits for its port; the stand-in TestServer only carries the address. */
function start(env: Record<string, string>): Promise<Child> {
	const child = spawn(process.execPath, ['--import', 'tsx', script], {
		env: { ...process.env, LOG_LEVEL: 'error', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	return new Promise((resolve, reject) => {
		child.stderr!.on('data', (d) => (output += d));
		child.stdout!.on('data', (d) => {
			output += d;
			const line = output.split('\n').find((l) => l.includes('crash-server.listening'));
			if (!line) return;
			const { port, tokens } = JSON.parse(line) as { port: number; tokens: string[] };
			const server = { port, origin: `http://127.0.0.1:${port}` } as TestServer;
			resolve({ process: child, server, tokens });
		});
		child.on('exit', (code) => reject(new Error(`crash server exited (${code}): ${output}`)));
	});
}

function kill(child: Child): Promise<void> {
	return new Promise((resolve) => {
		if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
		child.process.once('exit', () => resolve());
		child.process.kill('SIGKILL');
	});
}

/** A fresh client's view of the stored tokens. */
async function storedTokens(child: Child): Promise<Set<string>> {
	const reader = openClient(child.server, child.tokens[0]!, name, new Y.Doc());
	try {
		await waitFor(() => reader.status.synced, 'reader synced', 10_000);
		return new Set(reader.doc.getArray<string>('tokens').toArray());
	} finally {
		reader.destroy();
	}
}

async function storage(engine: Engine): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
	if (engine === 'pglite') {
		const dir = mkdtempSync(join(tmpdir(), 'concord-crash-'));
		return { env: { CRASH_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
	}
	const base = process.env.TEST_DATABASE_URL!;
	const db = `concord_crash_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: base });
	await admin.connect();
	await admin.query(`create database ${db}`);
	await admin.end();
	const url = new URL(base);
	url.pathname = `/${db}`;
	return {
		env: { CRASH_DATABASE_URL: url.toString() },
		async cleanup() {
			const c = new pg.Client({ connectionString: base });
			await c.connect();
			await c.query(`drop database if exists ${db} with (force)`);
			await c.end();
		}
	};
}

describe('collaboration crash durability', () => {
	for (const engine of engines) {
		it(`keeps every update a client received from the server through SIGKILL [${engine}]`, { timeout: 90_000 }, async () => {
			const store = await storage(engine);
			/** Tokens some client saw arrive from the server: they must survive any crash. */
			const observed = new Set<string>();
			let tokens: string[] = [];
			try {
				for (let round = 0; round <= ROUNDS; round++) {
					const child = await start({ ...store.env, ...(tokens.length ? { CRASH_TOKENS: JSON.stringify(tokens) } : {}) });
					tokens = child.tokens;
					try {
						const stored = await storedTokens(child);
						const missing = [...observed].filter((t) => !stored.has(t));
						expect(missing, `tokens lost in crash ${round}`).toEqual([]);
						if (round === ROUNDS) break;

						const writers = tokens.slice(1).map((token, i) => {
							const client = openClient(child.server, token, name);
							const mine = `r${round}c${i}-`;
							client.doc.getArray<string>('tokens').observe((event) => {
								for (const item of event.changes.added) {
									for (const t of item.content.getContent() as string[]) if (!t.startsWith(mine)) observed.add(t);
								}
							});
							return { client, mine, n: 0 };
						});
						await waitFor(() => writers.every((w) => w.client.status.synced), 'writers synced', 10_000);
						const typing = setInterval(() => {
							for (const w of writers) w.client.doc.getArray<string>('tokens').push([`${w.mine}${w.n++}`]);
						}, 3);
						// A different moment in each round: early, mid-stream, late.
						await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 500)));
						await kill(child);
						clearInterval(typing);
						for (const w of writers) w.client.destroy();
					} finally {
						await kill(child);
					}
				}
				expect(observed.size).toBeGreaterThan(0);
			} finally {
				await store.cleanup();
			}
		});
	}
});
