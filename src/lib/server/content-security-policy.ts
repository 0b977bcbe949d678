/** The policy of every response that is not a page: it runs, embeds and submits nothing. */
export const INERT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/**
 * Pages carry SvelteKit's policy (kit.csp in svelte.config.js); it gains the
 * page's own socket origin for /collab, which connect-src 'self' covers only
 * in current browsers. Everything else (downloads, exports, JSON, feeds) gets
 * the inert policy, so a file someone opens in the browser stays inert.
 */
export function applyContentSecurityPolicy(headers: Headers, url: URL): void {
	const policy = headers.get('content-security-policy');
	if (!policy) {
		headers.set('content-security-policy', INERT_POLICY);
		return;
	}
	const socket = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
	headers.set('content-security-policy', policy.replace(/connect-src 'self'(?=;|$)/, `connect-src 'self' ${socket}`));
}
