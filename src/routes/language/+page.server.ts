import { fail, redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { safeRedirectPath } from '$lib/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = form.get('locale');
		if (typeof locale !== 'string' || !isLocale(locale)) {
			return fail(400, { message: 'Unknown language' });
		}
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
		redirect(303, safeRedirectPath(form.get('redirectTo')));
	}
};
