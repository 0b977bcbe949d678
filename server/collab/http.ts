import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const statusText: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable'
};

export type RefusalStatus = 400 | 401 | 403 | 404 | 429 | 500 | 503;

/**
 * Answers an upgrade request with a plain HTTP status and closes the socket.
 * The WebSocket never exists, so no document byte can reach the client.
 */
export function refuseUpgrade(socket: Duplex, status: RefusalStatus, instance: string): void {
	if (socket.destroyed) return;
	const text = statusText[status] ?? 'Error';
	const lines = [
		`HTTP/1.1 ${status} ${text}`,
		'Connection: close',
		'Content-Type: text/plain; charset=utf-8',
		`Content-Length: ${Buffer.byteLength(text)}`,
		`X-Concord-Instance: ${instance}`
	];
	if (status === 429 || status === 503) lines.push('Retry-After: 5');
	socket.once('finish', () => socket.destroy());
	socket.end(`${lines.join('\r\n')}\r\n\r\n${text}`);
}

/** The WebSocket handshake headers ws insists on, checked before any database work. */
export function isWebSocketHandshake(req: IncomingMessage): boolean {
	const upgrade = req.headers.upgrade?.toLowerCase();
	const key = req.headers['sec-websocket-key'];
	return (
		req.method === 'GET' &&
		upgrade === 'websocket' &&
		typeof key === 'string' &&
		/^[+/0-9A-Za-z]{22}==$/.test(key) &&
		req.headers['sec-websocket-version'] === '13'
	);
}

export function readCookie(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
		const raw = part.slice(eq + 1).trim();
		try {
			return decodeURIComponent(raw);
		} catch {
			return null;
		}
	}
	return null;
}

/** `scheme://host[:port]` with default ports dropped, or null when unparsable. */
export function normaliseOrigin(value: string): string | null {
	try {
		const url = new URL(value);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		return url.origin;
	} catch {
		return null;
	}
}

/**
 * Browsers always send Origin on WebSocket requests, and a page on another
 * site can open a socket carrying our cookie: only our own origin (under
 * either scheme, since TLS may end at a proxy) and configured ones may.
 */
export function isAllowedOrigin(req: IncomingMessage, allowed: readonly string[]): boolean {
	const origin = typeof req.headers.origin === 'string' ? normaliseOrigin(req.headers.origin) : null;
	if (!origin) return false;
	const host = req.headers.host;
	if (host && (origin === normaliseOrigin(`http://${host}`) || origin === normaliseOrigin(`https://${host}`))) return true;
	return allowed.some((a) => normaliseOrigin(a) === origin);
}
