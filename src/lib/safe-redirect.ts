/**
 * A same-site path to send the browser back to. Anything else (absolute URLs,
 * protocol-relative `//host`, backslash tricks) falls back to the home page.
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || value.length > 2000) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
	try {
		const url = new URL(value, 'http://concord.invalid');
		if (url.origin !== 'http://concord.invalid') return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}
