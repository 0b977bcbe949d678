import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { startRuntime } from '$server/runtime';
import { log } from '$server/log';

export const init: ServerInit = async () => {
	await startRuntime();
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
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle = sequence(securityHeaders, i18n);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status !== 404) {
		log.error('http.unhandled', { path: event.url.pathname, status, error: error instanceof Error ? error : String(error) });
	}
	return { message };
};
