import { fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { createResetLink, inviteUser, listUsers, setUserActive, updatePerson } from '$server/users/service';
import * as field from '$server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const q = event.url.searchParams.get('q') ?? '';
	return { q, me: actor.userId, users: await call(listUsers(db(), actor, q)) };
};

export const actions: Actions = {
	invite: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			inviteUser(
				db(),
				actor,
				{
					username: f.username,
					displayName: f.displayName,
					nameTitle: f.nameTitle,
					position: f.position,
					email: f.email,
					phone: f.phone,
					locale: f.locale,
					isAdmin: f.isAdmin
				},
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'invite' as const, errors: r.errors, values: f });
		return {
			form: 'link' as const,
			link: `${event.url.origin}/link/${r.token}`,
			expiresAt: r.expiresAt,
			name: String(f.displayName ?? '').trim(),
			purpose: 'invitation' as const
		};
	},
	person: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const id = field.check(field.uuid, f.user);
		if (!id.ok) return fail(400, { form: 'row' as const, errors: { user: 'invalid' } });
		const r = await call(
			updatePerson(db(), actor, id.value, { displayName: f.displayName, nameTitle: f.nameTitle, position: f.position }, event.locals.clientAddress)
		);
		if (!r.ok) return fail(400, { form: 'person' as const, user: id.value, errors: r.errors });
		return { form: 'person' as const, user: id.value, saved: true };
	},
	reset: async (event) => {
		const actor = requireActor(event);
		const id = field.check(field.uuid, (await formFields(event.request)).user);
		if (!id.ok) return fail(400, { form: 'row' as const, errors: { user: 'invalid' } });
		const r = await call(createResetLink(db(), actor, id.value, event.locals.clientAddress));
		if (!r) return fail(404, { form: 'row' as const, errors: { user: 'not_found' } });
		return { form: 'link' as const, link: `${event.url.origin}/link/${r.token}`, expiresAt: r.expiresAt, name: '', purpose: r.purpose };
	},
	disable: async (event) => toggle(event, false),
	enable: async (event) => toggle(event, true)
};

async function toggle(event: Parameters<Actions[string]>[0], active: boolean) {
	const actor = requireActor(event);
	const id = field.check(field.uuid, (await formFields(event.request)).user);
	if (!id.ok) return fail(400, { form: 'row' as const, errors: { user: 'invalid' } });
	const r = await call(setUserActive(db(), actor, id.value, active, event.locals.clientAddress));
	if (!r.ok) return fail(400, { form: 'row' as const, errors: r.errors });
	return { form: 'row' as const, saved: true };
}
