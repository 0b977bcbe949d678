import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { applyContentSecurityPolicy } from '$lib/server/content-security-policy';
import { lowerCaseIds } from '$lib/server/http';
import { requestMetrics } from '$lib/server/request-metrics';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from '$lib/server/session-cookie';
import { noticeForwardedFor } from '$server/auth/forwarded';
import { validateSessionToken } from '$server/auth/session';
import { log } from '$server/log';
import { runtime, startRuntime } from '$server/runtime';

export const init: ServerInit = async () => {
	await startRuntime();
};

/** Behind a proxy (ADDRESS_HEADER) a request without the header has no known address. */
function clientAddress(event: Parameters<Handle>[0]['event']): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

const session: Handle = async ({ event, resolve }) => {
	const rt = runtime();
	event.locals.clientAddress = clientAddress(event);
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.actor = null;
	const token = event.cookies.get(sessionCookieName(event.url));
	if (token) {
		const policy = { idleMs: rt.config.sessionIdleMs, absoluteMs: rt.config.sessionAbsoluteMs };
		const valid = await validateSessionToken(rt.database.db, token, policy);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.sessionId = valid.session.id;
			event.locals.actor = { userId: valid.user.id, isAdmin: valid.user.is_admin };
			if (valid.refreshed) setSessionCookie(event.cookies, event.url, token, valid.session.expires_at);
		} else {
			clearSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const securityHeaders: Handle = async ({ event, resolve }) => {
	noticeForwardedFor(event.request.headers);
	const response = await resolve(event);
	applyContentSecurityPolicy(response.headers, event.url);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(requestMetrics, securityHeaders, lowerCaseIds, session, i18n);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status !== 404) {
		log.error('http.unhandled', { path: event.url.pathname, status, error: error instanceof Error ? error : String(error) });
	}
	return { message };
};
