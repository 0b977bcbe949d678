import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/access';
import { applyPlan } from '../../server/network-import/apply';
import { planImport } from '../../server/network-import/plan';
import { readUpload } from '../../server/network-import/read';
import { previewImport } from '../../server/network-import/service';
import { parseDate } from '../../server/network-import/values';
import { describeEachEngine } from '../support/database';
import { makeBody, makeUser } from '../support/factories';
import { csvText, utf8, utf8Bom, windows874 } from '../support/import-files';

let n = 0;
const tag = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

describe('dates as Thai offices write them', () => {
	it('reads Buddhist-era and Gregorian years, Thai digits and Thai month names as the same day', () => {
		for (const written of ['1/10/2569', '1/10/2026', '2026-10-01', '2569-10-01', '๑/๑๐/๒๕๖๙', '01.10.2569', '1 ต.ค. 2569', '1 ตุลาคม 2569']) {
			expect([written, parseDate(written)]).toEqual([written, '2026-10-01']);
		}
		for (const wrong of ['31/2/2569', '1/10/69', '10/2026', 'เมื่อวาน', '1/13/2569']) expect([wrong, parseDate(wrong)]).toEqual([wrong, null]);
	});
});

describeEachEngine('network import: files', (use) => {
	let admin: Actor;
	let bodyName: string;
	let orgName: string;
	beforeAll(async () => {
		const { db } = use();
		admin = (await makeUser(db, { admin: true })).actor;
		const body = await makeBody(db, { roles: ['chair'] });
		bodyName = (await db.selectFrom('body').select('name_th').where('id', '=', body.id).executeTakeFirstOrThrow()).name_th;
		orgName = (await db.selectFrom('organisation').select('name_th').where('id', '=', body.seats.chair!.organisationId).executeTakeFirstOrThrow()).name_th;
	});

	const people = (t: string, startsOn = '1/10/2568') => [
		{ username: `somsri_${t}`, display_name: 'สมศรี คำมา', organisation: orgName, body: bodyName, role: 'อาสาสมัคร', starts_on: startsOn }
	];

	for (const [encoding, encode] of [
		['utf-8', utf8],
		['utf-8-bom', utf8Bom],
		['windows-874', windows874]
	] as const) {
		it(`reads a CSV saved as ${encoding} and keeps its Thai`, async () => {
			const { db } = use();
			const t = tag();
			const preview = await previewImport(db, admin, { bytes: encode(csvText('people', people(t))), name: 'people.csv' });
			if (!preview.ok) throw new Error(preview.error);
			expect(preview.encoding).toBe(encoding);
			expect(preview.plan.rows).toEqual([expect.objectContaining({ entity: 'people', row: 2, verdict: 'create', label: 'สมศรี คำมา' })]);
			expect(preview.plan.users.create[0]).toMatchObject({ username: `somsri_${t}`, display_name: 'สมศรี คำมา' });
			expect(preview.plan.seats.create[0]).toMatchObject({ role: 'volunteer', starts_on: '2025-10-01' });
		});
	}

	it('takes a Buddhist-era start date and a Gregorian one as the same day', async () => {
		const { db } = use();
		const t = tag();
		for (const written of ['1/10/2568', '1/10/2025', '๑/๑๐/๒๕๖๘']) {
			const preview = await previewImport(db, admin, { bytes: utf8(csvText('people', people(t, written))), name: 'p.csv' });
			expect(preview.ok && preview.plan.seats.create[0]?.starts_on).toBe('2025-10-01');
		}
	});

	it('writes nothing when a row near the end fails: a clash at row 900 leaves no one from the file', async () => {
		const { db } = use();
		const t = tag();
		const rows = Array.from({ length: 1000 }, (_, i) => ({
			username: `bulk${i}_${t}`,
			display_name: `อาสา ${i}`,
			organisation: orgName,
			body: bodyName,
			role: 'volunteer'
		}));
		const read = await readUpload(utf8(csvText('people', rows)));
		if (!read.ok) throw new Error(read.error);
		const plan = await planImport(db, read.sheets);
		expect(plan.counts.people.create).toBe(1000);
		// Someone takes row 900's username between the preview and the confirmation.
		await makeUser(db, { username: `bulk898_${t}` });
		await expect(applyPlan(db, admin, plan, { fileName: 'bulk.csv', encoding: read.encoding, clientAddress: null })).rejects.toThrow();
		const made = await db.selectFrom('app_user').select('id').where('username', 'like', `bulk%_${t}`).execute();
		expect(made).toHaveLength(1);
		const audits = await db.selectFrom('audit_event').select('detail').where('action', '=', 'network.import').execute();
		expect(audits.filter((a) => (a.detail as { file?: string }).file === 'bulk.csv')).toEqual([]);
	});
});
