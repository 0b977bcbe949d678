import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/http';
import { clearSessionCookie } from '$lib/server/session-cookie';
import { signOut } from '$server/auth/signin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.user && locals.sessionId) await signOut(db(), locals.user.id, locals.sessionId, locals.clientAddress);
		clearSessionCookie(cookies, url);
		redirect(303, '/signin');
	}
};
