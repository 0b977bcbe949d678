// The embedded engine's thread. PGlite runs PostgreSQL compiled to WebAssembly
// and executes every statement synchronously on the thread that calls it; here
// that is this worker, so the main thread keeps reading sockets and rendering
// pages while a statement runs. Plain JavaScript: it is loaded as it is, by
// Node, in development, tests and the built server alike.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { parsers } from './types.js';

/** @typedef {{ id: number, sql: string, params: unknown[] }} Query */
/** @typedef {{ type: 'close' }} Close */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/**
 * A thrown value as a plain object that survives postMessage: the message and
 * every scalar field PostgreSQL reports (code, detail, constraint, ...).
 * @param {unknown} error
 */
function plain(error) {
	if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
	/** @type {Record<string, string | number | boolean>} */
	const out = { name: error.name, message: error.message };
	for (const [key, value] of Object.entries(error)) {
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
	}
	return out;
}

const opening = PGlite.create(workerData.dataDir, { parsers });
opening.then(
	() => port.postMessage({ type: 'ready' }),
	(error) => port.postMessage({ type: 'failed', error: plain(error) })
);

port.on('message', async (/** @type {Query | Close} */ message) => {
	if ('type' in message) {
		const pglite = await opening.catch(() => null);
		await pglite?.close();
		port.postMessage({ type: 'closed' });
		port.close();
		return;
	}
	try {
		const pglite = await opening;
		// PGlite runs queries one after another in the order they arrive.
		const result = await pglite.query(message.sql, message.params);
		port.postMessage({ id: message.id, rows: result.rows, affectedRows: result.affectedRows ?? 0 });
	} catch (error) {
		port.postMessage({ id: message.id, error: plain(error) });
	}
});
