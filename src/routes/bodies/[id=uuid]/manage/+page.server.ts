import { error, fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor, notFound } from '$lib/server/http';
import { handOver } from '$server/handover/service';
import { addMembership, bodyHistory, bodyPage, endMembership, seatingChoices, updateBodySettings } from '$server/network/service';
import { updateRoleWording } from '$server/network/terms';
import * as field from '$server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const choices = await call(seatingChoices(db(), actor, id));
	const page = await call(bodyPage(db(), actor, id));
	if (!page) error(404, notFound());
	// `me`: the hand-over form never offers the person handing over as the successor.
	return { ...page, ...choices, history: await call(bodyHistory(db(), actor, id)), me: actor.userId };
};

export const actions: Actions = {
	handover: async (event) => {
		const actor = requireActor(event);
		const bodyId = event.params.id;
		const f = await formFields(event.request);
		const r = await call(
			handOver(db(), actor, { bodyId, membershipId: f.membership, successorId: f.successor, note: f.note, startsOn: f.startsOn }, event.locals.clientAddress)
		);
		if (!r.ok) return fail(400, { form: 'handover' as const, membership: f.membership, errors: r.errors });
		return { form: 'handover' as const, moved: r.movedActions, proposed: r.proposedCaseSeats };
	},
	end: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const id = field.check(field.uuid, f.membership);
		if (!id.ok) return fail(400, { form: 'end' as const, membership: f.membership, errors: { membership: 'invalid' } });
		const r = await call(endMembership(db(), actor, id.value, { endsOn: f.endsOn }, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'end' as const, membership: f.membership, errors: r.errors });
		return { form: 'end' as const, saved: true };
	},
	add: async (event) => {
		const actor = requireActor(event);
		const id = event.params.id;
		const f = await formFields(event.request);
		const r = await call(
			addMembership(
				db(),
				actor,
				id,
				{ userId: f.user, organisationId: f.organisation, role: f.role, alternateId: f.alternate, startsOn: f.startsOn },
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'add' as const, errors: r.errors });
		return { form: 'add' as const, saved: true };
	},
	settings: async (event) => {
		const actor = requireActor(event);
		const id = event.params.id;
		const f = await formFields(event.request);
		const r = await call(
			updateBodySettings(
				db(),
				actor,
				id,
				{ cadence: f.cadence, quorum: f.quorum, reportQuarters: f.reportQuarters, termsTh: f.termsTh, termsEn: f.termsEn },
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'settings' as const, errors: r.errors });
		return { form: 'settings' as const, saved: true };
	},
	roles: async (event) => {
		const actor = requireActor(event);
		const id = event.params.id;
		const r = await call(updateRoleWording(db(), actor, id, await formFields(event.request), event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'roles' as const, errors: r.errors });
		return { form: 'roles' as const, saved: true };
	}
};
