import type { Cookies } from '@sveltejs/kit';

/** Over HTTPS the cookie is `__Host-` prefixed and Secure; plain HTTP is for local use. */
export function sessionCookieName(url: URL): string {
	return url.protocol === 'https:' ? '__Host-concord_session' : 'concord_session';
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(sessionCookieName(url), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookieName(url), { path: '/', secure: url.protocol === 'https:' });
}
