import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/http';
import { clearSessionCookie } from '$lib/server/session-cookie';
import { signOut } from '$server/auth/signin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url, setHeaders }) => {
		if (locals.user && locals.sessionId) await signOut(db(), locals.user.id, locals.sessionId, locals.clientAddress);
		clearSessionCookie(cookies, url);
		// Nothing of this person stays on the device: cached pages and local documents go (docs/offline.md).
		// The service worker wipes them too when the sign-in page is opened, for browsers without this header.
		setHeaders({ 'clear-site-data': '"cache", "storage"' });
		redirect(303, '/signin');
	}
};
