import { fail } from '@sveltejs/kit';
import { call, db, requireActor } from '$lib/server/http';
import { confirmImport, importPage, previewImport } from '$server/network-import/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => call(importPage(db(), requireActor(event)));

/** What the page shows of a preview: every refused row, and a sample of the rest. */
const SHOWN = 500;

export const actions: Actions = {
	preview: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { form: 'preview' as const, error: 'empty' });
		const r = await call(previewImport(db(), actor, { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name }));
		if (!r.ok) return fail(400, { form: 'preview' as const, error: r.error });
		const { plan } = r;
		const sample = (verdict: string) => plan.rows.filter((x) => x.verdict === verdict).slice(0, SHOWN);
		return {
			form: 'previewed' as const,
			token: r.token,
			fileName: r.fileName,
			encoding: r.encoding,
			counts: plan.counts,
			missing: plan.missing,
			refused: plan.rows.filter((x) => x.verdict === 'refused'),
			rows: { create: sample('create'), update: sample('update'), unchanged: sample('unchanged') }
		};
	},
	confirm: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const r = await call(
			confirmImport(
				db(),
				actor,
				{ token: form.get('token'), endSeats: form.getAll('end'), endsOn: form.get('endsOn'), note: form.get('note') },
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'confirm' as const, error: r.error, detail: r.detail ?? '' });
		const total = (k: 'create' | 'update' | 'unchanged' | 'refused') => Object.values(r.counts).reduce((n, c) => n + c[k], 0);
		return {
			form: 'done' as const,
			created: total('create'),
			updated: total('update'),
			unchanged: total('unchanged'),
			refused: total('refused'),
			ended: r.ended,
			handedOver: r.handedOver,
			mailed: r.mailed,
			invitations: r.invitations.map((i) => ({
				name: i.name,
				username: i.username,
				email: i.email ?? '',
				link: `${event.url.origin}/link/${i.token}`,
				expiresAt: i.expiresAt.toISOString()
			}))
		};
	}
};
