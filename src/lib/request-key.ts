/**
 * A fresh key for one request (a version-4 UUID). `crypto.randomUUID` exists
 * only in secure contexts, and a district office may serve Concord over plain
 * HTTP on its own network; `getRandomValues` exists everywhere.
 */
export function requestKey(): string {
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6]! & 0x0f) | 0x40;
	b[8] = (b[8]! & 0x3f) | 0x80;
	const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
