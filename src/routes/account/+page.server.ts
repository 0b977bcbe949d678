import { fail, redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { clearSessionCookie } from '$lib/server/session-cookie';
import { signOutEverywhere } from '$server/auth/signin';
import { changePassword, endOwnSession, getAccount, updateProfile } from '$server/users/service';
import { preferences, savePreferences } from '$server/notifications/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const account = await call(getAccount(db(), actor));
	return {
		account: {
			username: account.username,
			email: account.email,
			displayName: account.display_name,
			nameTitle: account.name_title,
			position: account.position,
			phone: account.phone,
			locale: account.locale
		},
		sessions: account.sessions.map((s) => ({ ...s, current: s.id === event.locals.sessionId })),
		notifications: await call(preferences(db(), actor))
	};
};

export const actions: Actions = {
	notifications: async (event) => {
		const f = await formFields(event.request);
		const r = await call(savePreferences(db(), requireActor(event), f, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'notifications' as const, errors: r.errors });
		return { form: 'notifications' as const, saved: true };
	},
	profile: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			updateProfile(
				db(),
				actor,
				{ displayName: f.displayName, nameTitle: f.nameTitle, position: f.position, phone: f.phone, locale: f.locale },
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'profile' as const, errors: r.errors, values: f });
		event.cookies.set(cookieName, r.locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
		return { form: 'profile' as const, saved: true };
	},
	password: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			changePassword(db(), actor, { current: f.current, password: f.password, confirm: f.confirm }, event.locals.sessionId!, event.locals.clientAddress)
		);
		if (!r.ok) return fail(400, { form: 'password' as const, errors: r.errors });
		return { form: 'password' as const, saved: true };
	},
	endSession: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		await call(endOwnSession(db(), actor, f.session ?? '', event.locals.clientAddress));
		if (f.session === event.locals.sessionId) {
			clearSessionCookie(event.cookies, event.url);
			redirect(303, '/signin');
		}
		return { form: 'sessions' as const, saved: true };
	},
	everywhere: async (event) => {
		const actor = requireActor(event);
		await signOutEverywhere(db(), actor.userId, event.locals.clientAddress);
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/signin');
	}
};
