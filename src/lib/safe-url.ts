/**
 * Links a person or a live document supplies are rendered only when they
 * lead somewhere harmless: `javascript:`, `data:`, `vbscript:` and friends
 * run script or smuggle content in the reader's session, and relative or
 * protocol-relative links would point into the app or at an unnamed host.
 * Everything else is shown as text.
 */
const allowedSchemes = new Set(['http:', 'https:', 'mailto:']);

/** Longer than any real attachment or meeting link; refuses padding tricks. */
const maxLength = 4096;

/**
 * The link as the browser would follow it (normalised by the WHATWG parser,
 * which also drops the leading spaces, control characters, tabs and newlines
 * that `java\tscript:` tricks rely on), or null when it must not be a link.
 */
export function safeHref(value: unknown): string | null {
	if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) return null;
	let url: URL;
	try {
		// No base: relative and protocol-relative links do not parse.
		url = new URL(value);
	} catch {
		return null;
	}
	if (!allowedSchemes.has(url.protocol)) return null;
	if (url.protocol !== 'mailto:' && !url.hostname) return null;
	return url.href;
}

export function isSafeLinkUrl(value: unknown): boolean {
	return safeHref(value) !== null;
}
