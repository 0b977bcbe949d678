// Production entry: one HTTP server for pages, form actions, JSON endpoints and
// the collaboration WebSocket. Importing the built handler starts the runtime
// (database, migrations, live documents) through the app's `init` hook, so the
// routes and the WebSocket side share one runtime by construction.
import { createServer } from 'node:http';
import compression from 'compression';

const RUNTIME = Symbol.for('concord.runtime');
const SHUTDOWN_LIMIT_MS = 10_000;

/**
 * @param {'info' | 'error'} level
 * @param {string} event
 * @param {Record<string, unknown>} [fields]
 */
function line(level, event, fields = {}) {
	process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }) + '\n');
}

/** @typedef {{ collab: { handleUpgrade: (req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void } }} Runtime */
/** @typedef {{ runtime?: Runtime, api?: { stopRuntime: () => Promise<void> } }} Slot */
/** @type {() => Slot | undefined} */
const slot = () => /** @type {Record<symbol, Slot>} */ (/** @type {unknown} */ (globalThis))[RUNTIME];

// Concord itself speaks plain HTTP. Without ORIGIN or PROTOCOL_HEADER the
// adapter would assume https and refuse every form post as cross-site, so the
// entry tells it the real protocol on a header that clients cannot set. Behind
// a TLS proxy, set ORIGIN (or PROTOCOL_HEADER=x-forwarded-proto).
const OWN_PROTOCOL_HEADER = 'x-concord-protocol';
const stampProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (stampProtocol) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;
// A case document may be up to 5 MiB (server/cases/documents.ts); the adapter's default body limit is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '6M';

// A path in a variable keeps the type checker out of the generated bundle.
const handlerPath = '../build/handler.js';
/** @type {import('node:http').RequestListener} */
let handler;
try {
	({ handler } = await import(handlerPath));
} catch (err) {
	const e = /** @type {{ code?: string, message?: string }} */ (err);
	if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('build/handler.js')) {
		line('error', 'server.not_built', { message: 'Run `npm run build` first.' });
	} else {
		line('error', 'server.start_failed', { message: err instanceof Error ? err.message : String(err) });
	}
	process.exit(1);
}

const runtime = slot()?.runtime;
if (!runtime) {
	line('error', 'server.start_failed', { message: 'runtime did not start' });
	process.exit(1);
}

// Pages and their data shrink several-fold on the districts' slow connections.
// Event streams stay plain: a compressor would hold each event back until its buffer fills.
// Its types speak Express; the middleware itself needs only Node's request and response.
/** @typedef {import('node:http').IncomingMessage} Req */
/** @typedef {import('node:http').ServerResponse} Res */
/** @type {(req: Req, res: Res) => boolean} */
const compressible = (req, res) =>
	!String(res.getHeader('content-type') ?? '').startsWith('text/event-stream') && compression.filter(/** @type {never} */ (req), /** @type {never} */ (res));
const compress = /** @type {(req: Req, res: Res, next: () => void) => void} */ (
	/** @type {unknown} */ (compression({ filter: /** @type {never} */ (compressible), threshold: 1024 }))
);

const server = createServer((req, res) => {
	if (stampProtocol) req.headers[OWN_PROTOCOL_HEADER] = 'http';
	compress(req, res, () => handler(req, res));
});
server.on('upgrade', (req, socket, head) => {
	if (req.url?.startsWith('/collab/')) runtime.collab.handleUpgrade(req, socket, head);
	else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => {
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const shown = host === '0.0.0.0' ? 'localhost' : host;
	line('info', 'server.listening', { url: `http://${shown}:${address.port}`, port: address.port });
});

let stopping = false;
/** @param {string} signal */
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	line('info', 'server.stopping', { signal });
	const timer = setTimeout(() => {
		line('error', 'server.shutdown_timeout', { limitMs: SHUTDOWN_LIMIT_MS });
		process.exit(1);
	}, SHUTDOWN_LIMIT_MS);
	timer.unref();
	server.close();
	server.closeIdleConnections?.();
	try {
		await slot()?.api?.stopRuntime();
		line('info', 'server.stopped', {});
		process.exit(0);
	} catch (err) {
		line('error', 'server.shutdown_failed', { message: err instanceof Error ? err.message : String(err) });
		process.exit(1);
	}
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
