/** Over HTTPS the session cookie is `__Host-` prefixed and Secure; plain HTTP is for local use. */
export function sessionCookieName(url: URL): string {
	return url.protocol === 'https:' ? '__Host-concord_session' : 'concord_session';
}
