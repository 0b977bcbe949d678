import { fail, redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { db, formFields } from '$lib/server/http';
import { setSessionCookie } from '$lib/server/session-cookie';
import { safeRedirectPath } from '$lib/safe-redirect';
import { signIn } from '$server/auth/signin';
import { deleteSession } from '$server/auth/session';
import { MAX_PASSWORD_LENGTH } from '$server/auth/password';
import { runtime } from '$server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo, welcome: url.searchParams.has('welcome') };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, setHeaders }) => {
		const f = await formFields(request);
		const username = (f.username ?? '').trim();
		const password = f.password ?? '';
		const redirectTo = safeRedirectPath(f.redirectTo);
		if (!username || !password) return fail(400, { username, redirectTo, error: 'missing' as const });
		if (username.length > 254 || password.length > MAX_PASSWORD_LENGTH) {
			return fail(400, { username: '', redirectTo, error: 'invalid' as const });
		}
		const { config } = runtime();
		const result = await signIn(
			db(),
			{ username, password, clientAddress: locals.clientAddress, userAgent: request.headers.get('user-agent') },
			{ idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs }
		);
		if (!result.ok) {
			if (result.reason === 'throttled') {
				setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
				return fail(429, { username, redirectTo, error: 'throttled' as const, retryAfterSeconds: result.retryAfterSeconds });
			}
			return fail(400, { username, redirectTo, error: 'invalid' as const });
		}
		// A session that existed before sign-in (or a planted cookie) never survives it.
		if (locals.sessionId) await deleteSession(db(), locals.sessionId);
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		cookies.set(cookieName, result.locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
		redirect(303, redirectTo);
	}
};
