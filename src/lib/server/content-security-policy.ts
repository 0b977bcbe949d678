/** The policy of every response that is not a page: it runs, embeds and submits nothing. */
export const INERT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/**
 * The hash of the one inline style of `src/error.html`, the page SvelteKit answers a browser with when a
 * download, an export or a feed is refused; that page may apply its style and nothing else
 * (content-security-policy.test.ts recomputes it from the file).
 */
export const ERROR_PAGE_STYLE = "'sha256-BjUdUsg14XlvghgrV9CeKzUxOmRL9WIN9ECw6WbUopg='";

/**
 * Pages carry SvelteKit's policy (kit.csp in svelte.config.js); it gains the
 * page's own socket origin for /collab, which connect-src 'self' covers only
 * in current browsers. Everything else (downloads, exports, JSON, feeds) gets
 * the inert policy, so a file someone opens in the browser stays inert.
 */
export function applyContentSecurityPolicy(headers: Headers, url: URL): void {
	const policy = headers.get('content-security-policy');
	if (!policy) {
		const errorPage = headers.get('content-type')?.startsWith('text/html');
		headers.set('content-security-policy', errorPage ? `${INERT_POLICY}; style-src ${ERROR_PAGE_STYLE}` : INERT_POLICY);
		return;
	}
	const socket = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
	headers.set('content-security-policy', policy.replace(/connect-src 'self'(?=;|$)/, `connect-src 'self' ${socket}`));
}
