import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Actor } from '../../server/access';
import type { DB } from '../../server/db/schema';
import { confirmImport, previewImport } from '../../server/network-import/service';
import { describeEachEngine } from '../support/database';
import { makeAction, makeBody, makeUser } from '../support/factories';
import { csvText, utf8, workbook, type Rows } from '../support/import-files';
import { startMailCatcher } from '../support/mail-catcher';
import { drainOnce, smtpSender } from '../../server/notifications/outbox';

let n = 0;
const tag = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

async function importFile(db: Kysely<DB>, actor: Actor, bytes: Uint8Array, end?: { ids: string[]; endsOn: string }) {
	const preview = await previewImport(db, actor, { bytes, name: 'network.xlsx' });
	if (!preview.ok) throw new Error(preview.error);
	const done = await confirmImport(db, actor, { token: preview.token, endSeats: end?.ids ?? [], endsOn: end?.endsOn, note: '' }, null);
	return { preview, done };
}

describeEachEngine('network import', (use) => {
	let admin: Actor;
	let areaName: string;
	beforeAll(async () => {
		const { db } = use();
		admin = (await makeUser(db, { admin: true })).actor;
		areaName = `อำเภอนำเข้า ${tag()}`;
		await db
			.insertInto('area')
			.values({ level: 'district', code: `IMP-${tag()}`, name_th: areaName, name_en: 'Import District' })
			.execute();
	});

	function network(t: string): { organisations: Rows; bodies: Rows; people: Rows } {
		return {
			organisations: [
				{
					name_th: `โรงพยาบาล ${t}`,
					name_en: `Hospital ${t}`,
					short_name: `รพ.${t}`,
					sector: 'โรงพยาบาล',
					level: 'อำเภอ',
					area: areaName,
					phone: '054 491 300'
				},
				{ name_th: `อาสาสมัคร ${t}`, name_en: `Volunteers ${t}`, short_name: `อส.${t}`, sector: 'community', level: 'District', area: areaName }
			],
			bodies: [
				{
					name_th: `เครือข่ายอาสา ${t}`,
					name_en: `Watchdog ${t}`,
					kind: 'เครือข่ายอาสาสมัคร',
					area: areaName,
					parent: `คณะทำงาน ${t}`,
					secretariat: `รพ.${t}`,
					cadence: 'ทุกไตรมาส',
					case_prefix: ''
				},
				{ name_th: `คณะทำงาน ${t}`, name_en: `Working group ${t}`, kind: 'คณะทำงาน', area: areaName, cadence: 'ทุกเดือน', case_prefix: 'WG' }
			],
			people: [
				{
					username: `chair_${t}`,
					email: `chair_${t}@example.org`,
					display_name: 'ประธาน นำเข้า',
					name_title: 'นาย',
					position: 'ผู้อำนวยการโรงพยาบาล',
					organisation: `รพ.${t}`,
					body: `คณะทำงาน ${t}`,
					role: 'ประธาน',
					starts_on: '1/10/2568'
				},
				{
					username: `vol_${t}`,
					email: `vol_${t}@example.org`,
					display_name: 'อาสา หนึ่ง',
					phone: '๐๘๑ ๒๓๔ ๕๖๗๘',
					organisation: `อาสาสมัคร ${t}`,
					body: `เครือข่ายอาสา ${t}`,
					role: 'อาสาสมัคร',
					starts_on: '2025-10-01'
				},
				{ username: `alt_${t}`, display_name: 'ผู้แทนสำรอง', body: `คณะทำงาน ${t}`, alternate_of: `chair_${t}` }
			]
		};
	}

	it('imports organisations, bodies with their parent, and people with seats and an alternate in one go', async () => {
		const { db } = use();
		const t = tag();
		const { preview, done } = await importFile(db, admin, await workbook(network(t)));
		expect(preview.plan.counts).toEqual({
			organisations: { create: 2, update: 0, unchanged: 0, refused: 0 },
			bodies: { create: 2, update: 0, unchanged: 0, refused: 0 },
			people: { create: 3, update: 0, unchanged: 0, refused: 0 }
		});
		expect(done.ok).toBe(true);
		const wg = await db.selectFrom('body').selectAll().where('name_th', '=', `คณะทำงาน ${t}`).executeTakeFirstOrThrow();
		const watch = await db.selectFrom('body').selectAll().where('name_th', '=', `เครือข่ายอาสา ${t}`).executeTakeFirstOrThrow();
		expect(watch).toMatchObject({ parent_id: wg.id, kind: 'volunteer_network', cadence: 'quarterly', level: 'district' });
		expect(wg.case_prefix).toBe('WG');
		const seats = await db
			.selectFrom('membership as m')
			.innerJoin('app_user as u', 'u.id', 'm.user_id')
			.leftJoin('app_user as a', 'a.id', 'm.alternate_user_id')
			.select(['u.username', 'm.role', 'm.starts_on', 'a.username as alternate'])
			.where('m.body_id', 'in', [wg.id, watch.id])
			.orderBy('u.username')
			.execute();
		expect(seats).toEqual([
			{ username: `chair_${t}`, role: 'chair', starts_on: '2025-10-01', alternate: `alt_${t}` },
			{ username: `vol_${t}`, role: 'volunteer', starts_on: '2025-10-01', alternate: null }
		]);
		const vol = await db.selectFrom('app_user').selectAll().where('username', '=', `vol_${t}`).executeTakeFirstOrThrow();
		expect(vol.phone).toBe('081 234 5678');
		// Title and position are optional columns: given, the minutes have them; left out, they are empty.
		const chair = await db.selectFrom('app_user').select(['name_title', 'position']).where('username', '=', `chair_${t}`).executeTakeFirstOrThrow();
		expect(chair).toEqual({ name_title: 'นาย', position: 'ผู้อำนวยการโรงพยาบาล' });
		expect([vol.name_title, vol.position]).toEqual(['', '']);
		expect(vol.password_hash).toBeNull();
		if (!done.ok) return;
		expect(done.invitations.map((i) => i.username).sort()).toEqual([`alt_${t}`, `chair_${t}`, `vol_${t}`]);
		const audits = await db.selectFrom('audit_event').select('detail').where('action', '=', 'network.import').execute();
		expect(audits.at(-1)?.detail).toMatchObject({ counts: preview.plan.counts, invited: 3 });
	});

	it('mails each new person with an address their invitation link when SMTP is set, and hands the others theirs', async () => {
		const { db } = use();
		const catcher = await startMailCatcher();
		const before = process.env.SMTP_URL;
		process.env.SMTP_URL = catcher.url;
		try {
			const t = tag();
			const { done } = await importFile(db, admin, await workbook(network(t)));
			if (!done.ok) throw new Error(done.error);
			expect(done.invitations).toHaveLength(3);
			expect(done.mailed).toBe(2);
			const sent = await drainOnce(db, smtpSender(catcher.url, 'Concord <concord@example.org>'), () => new Date());
			expect(sent.sent).toBeGreaterThanOrEqual(2);
			const mine = catcher.mails.filter((m) => [`chair_${t}@example.org`, `vol_${t}@example.org`].includes(m.to && 'text' in m.to ? m.to.text : ''));
			expect(mine).toHaveLength(2);
			for (const m of mine) {
				expect(m.subject).toBe('คำเชิญเข้าใช้ Concord');
				const invitation = done.invitations.find((i) => i.email === (m.to && 'text' in m.to ? m.to.text : ''))!;
				expect(m.text).toContain(`/link/${invitation.token}`);
			}
		} finally {
			if (before === undefined) delete process.env.SMTP_URL;
			else process.env.SMTP_URL = before;
			await catcher.close();
		}
	});

	it('changes nothing when the same file comes twice, and a corrected file updates people by username or e-mail', async () => {
		const { db } = use();
		const t = tag();
		const file = network(t);
		await importFile(db, admin, await workbook(file));
		const count = async () =>
			Number(
				(
					await db
						.selectFrom('app_user')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
		const before = await count();
		const again = await importFile(db, admin, await workbook(file));
		expect(again.preview.plan.counts).toEqual({
			organisations: { create: 0, update: 0, unchanged: 2, refused: 0 },
			bodies: { create: 0, update: 0, unchanged: 2, refused: 0 },
			people: { create: 0, update: 0, unchanged: 3, refused: 0 }
		});
		expect(again.done.ok && again.done.invitations).toEqual([]);
		// Matched by e-mail alone, with a new name and role.
		file.people[1] = { ...file.people[1], username: '', display_name: 'อาสา หนึ่ง (แก้ไข)', position: 'อาสาสมัครเฝ้าระวัง', role: 'member' };
		const fixed = await importFile(db, admin, await workbook({ people: file.people }));
		expect(fixed.preview.plan.counts.people).toEqual({ create: 0, update: 1, unchanged: 2, refused: 0 });
		expect(await count()).toBe(before);
		const vol = await db.selectFrom('app_user').select(['display_name', 'position']).where('username', '=', `vol_${t}`).executeTakeFirstOrThrow();
		expect(vol).toEqual({ display_name: 'อาสา หนึ่ง (แก้ไข)', position: 'อาสาสมัครเฝ้าระวัง' });
	});

	it('refuses each bad row with its row number and reason, and takes the rest', async () => {
		const { db } = use();
		const t = tag();
		await importFile(db, admin, await workbook(network(t)));
		const body = `คณะทำงาน ${t}`;
		const org = `รพ.${t}`;
		const person = (u: string, extra: Record<string, string>) => ({ username: u, display_name: `คน ${u}`, organisation: org, body, role: 'member', ...extra });
		const file = await workbook(
			{
				bodies: [{ name_th: `คณะลูก ${t}`, name_en: `Child ${t}`, kind: 'committee', area: areaName, parent: `ไม่มีคณะนี้ ${t}` }],
				people: [
					person(`ok_${t}`, {}), // row 2
					person(`org_${t}`, { organisation: 'หน่วยงานที่ไม่มี' }), // 3
					person(`twice_${t}`, {}), // 4
					person(`twice_${t}`, {}), // 5
					{ username: `alt2_${t}`, display_name: 'สำรอง', body, alternate_of: 'nobody_at_all' }, // 6
					person(`future_${t}`, { starts_on: '1/1/2590' }), // 7
					person(`mail_${t}`, { email: 'not-an-address' }), // 8
					person(`role_${t}`, { role: 'king' }), // 9
					person(`conflict_${t}`, { username: `chair_${t}`, email: `vol_${t}@example.org` }), // 10
					person(`date_${t}`, { starts_on: '31/02/2569' }), // 11
					person(`formula_${t}`, {}) // 12
				]
			},
			{ cells: [{ entity: 'people', address: 'C12', value: { formula: 'CONCAT("a","b")' } as never }] }
		);
		const preview = await previewImport(db, admin, { bytes: file, name: 'bad.xlsx' });
		if (!preview.ok) throw new Error(preview.error);
		const refused = preview.plan.rows.filter((r) => r.verdict === 'refused').map((r) => [r.entity, r.row, r.reasons[0]?.code]);
		expect(refused).toEqual([
			['bodies', 2, 'unknown_parent'],
			['people', 3, 'unknown_organisation'],
			['people', 5, 'duplicate_person'],
			['people', 6, 'alternate_unknown'],
			['people', 7, 'future_start'],
			['people', 8, 'invalid_email'],
			['people', 9, 'invalid_value'],
			['people', 10, 'username_email_conflict'],
			['people', 11, 'invalid_date'],
			['people', 12, 'formula']
		]);
		expect(preview.plan.rows.find((r) => r.row === 5)?.reasons[0]?.detail).toBe('4');
		const done = await confirmImport(db, admin, { token: preview.token, endSeats: [], endsOn: '', note: '' }, null);
		expect(done.ok).toBe(true);
		const made = await db.selectFrom('app_user').select('username').where('username', 'like', `%_${t}`).execute();
		expect(made.map((u) => u.username).sort()).toEqual([`alt_${t}`, `chair_${t}`, `ok_${t}`, `twice_${t}`, `vol_${t}`]);
	});

	it('lists a seat the new file leaves out, and ends it through the hand-over so its open items move to the successor', async () => {
		const { db } = use();
		const t = tag();
		const body = await makeBody(db, { roles: ['chair', 'member', 'observer'] });
		const name = (await db.selectFrom('body').select('name_th').where('id', '=', body.id).executeTakeFirstOrThrow()).name_th;
		const org = (await db.selectFrom('organisation').select('name_th').where('id', '=', body.seats.member!.organisationId).executeTakeFirstOrThrow()).name_th;
		const chair = await db.selectFrom('app_user').select(['username', 'display_name']).where('id', '=', body.seats.chair!.id).executeTakeFirstOrThrow();
		const action = await makeAction(db, { bodyId: body.id, organisationId: body.seats.member!.organisationId, assigneeId: body.seats.member!.id });
		const file = await workbook({
			people: [
				{
					username: chair.username,
					display_name: chair.display_name,
					organisation: (await db.selectFrom('organisation').select('name_th').where('id', '=', body.seats.chair!.organisationId).executeTakeFirstOrThrow())
						.name_th,
					body: name,
					role: 'chair',
					starts_on: '1/1/2563'
				},
				{ username: `next_${t}`, display_name: 'ผู้แทนคนใหม่', organisation: org, body: name, role: 'member', starts_on: '1/1/2569' }
			]
		});
		const preview = await previewImport(db, admin, { bytes: file, name: 'next.xlsx' });
		if (!preview.ok) throw new Error(preview.error);
		expect(preview.plan.missing.map((x) => [x.membershipId, x.successor?.name ?? null]).sort()).toEqual(
			[
				[body.seats.member!.membershipId, 'ผู้แทนคนใหม่'],
				[body.seats.observer!.membershipId, null]
			].sort()
		);
		const done = await confirmImport(
			db,
			admin,
			{ token: preview.token, endSeats: [body.seats.member!.membershipId, body.seats.observer!.membershipId], endsOn: '2026-01-31', note: 'เปลี่ยนผู้แทน' },
			null
		);
		expect(done.ok && [done.ended, done.handedOver]).toEqual([2, 1]);
		const observer = await db.selectFrom('membership').select('ends_on').where('id', '=', body.seats.observer!.membershipId).executeTakeFirstOrThrow();
		expect(observer.ends_on).toBe('2026-01-31');
		const old = await db.selectFrom('membership').select('ends_on').where('id', '=', body.seats.member!.membershipId).executeTakeFirstOrThrow();
		expect(old.ends_on).toBe('2026-01-31');
		const next = await db
			.selectFrom('membership as m')
			.innerJoin('app_user as u', 'u.id', 'm.user_id')
			.select(['m.starts_on', 'm.predecessor_id', 'u.id'])
			.where('u.username', '=', `next_${t}`)
			.execute();
		expect(next).toEqual([{ starts_on: '2026-02-01', predecessor_id: body.seats.member!.membershipId, id: expect.any(String) }]);
		const moved = await db.selectFrom('action_item').select('assignee_id').where('id', '=', action).executeTakeFirstOrThrow();
		expect(moved.assignee_id).toBe(next[0]!.id);
		expect(
			await db
				.selectFrom('audit_event')
				.select('id')
				.where('action', '=', 'membership.handover')
				.where(
					'target_id',
					'=',
					next.length
						? (await db.selectFrom('membership').select('id').where('predecessor_id', '=', body.seats.member!.membershipId).executeTakeFirstOrThrow()).id
						: ''
				)
				.executeTakeFirst()
		).toBeTruthy();
	});

	it('refuses bad organisation and body rows: unknown area, unknown kind, a parent that leads back, a level that does not fit', async () => {
		const { db } = use();
		const t = tag();
		const file = await workbook({
			organisations: [
				{ name_th: `หน่วย ก ${t}`, name_en: 'A', short_name: `ก${t}`, sector: 'ngo', level: 'district', area: 'ไม่มีพื้นที่นี้' },
				{ name_th: `หน่วย ข ${t}`, name_en: 'B', short_name: `ข${t}`, sector: 'spaceship', level: 'district' },
				{ name_th: `หน่วย ก ${t}`, name_en: 'A again', short_name: `ก2${t}`, sector: 'ngo', level: 'district' }
			],
			bodies: [
				{ name_th: `คณะ ก ${t}`, name_en: 'A', kind: 'committee', area: areaName, parent: `คณะ ข ${t}` },
				{ name_th: `คณะ ข ${t}`, name_en: 'B', kind: 'committee', area: areaName, parent: `คณะ ก ${t}` },
				{ name_th: `คณะ ค ${t}`, name_en: 'C', kind: 'committee', area: areaName, level: 'province' },
				{ name_th: `คณะ ง ${t}`, name_en: 'D', kind: 'committee', area: areaName, parent: `คณะ ค ${t}` }
			]
		});
		const preview = await previewImport(db, admin, { bytes: file, name: 'bad.xlsx' });
		if (!preview.ok) throw new Error(preview.error);
		expect(preview.plan.rows.map((r) => [r.entity, r.row, r.verdict, r.reasons.map((x) => x.code)])).toEqual([
			['organisations', 2, 'refused', ['unknown_area']],
			['organisations', 3, 'refused', ['invalid_value']],
			['organisations', 4, 'refused', ['duplicate_row']],
			['bodies', 2, 'refused', ['parent_cycle']],
			['bodies', 3, 'refused', ['parent_cycle']],
			['bodies', 4, 'refused', ['level_mismatch']],
			['bodies', 5, 'refused', ['unknown_parent']]
		]);
	});

	it('exports the network in the template, and importing the export changes nothing', async () => {
		const { db } = use();
		await importFile(db, admin, await workbook(network(tag())));
		const { importExport } = await import('../../server/network-import/service');
		const exported = await importExport(db, admin, 'xlsx', 'people');
		const preview = await previewImport(db, admin, { bytes: exported, name: 'export.xlsx' });
		if (!preview.ok) throw new Error(preview.error);
		const changed = preview.plan.rows.filter((r) => r.verdict !== 'unchanged');
		expect(changed).toEqual([]);
		expect(preview.plan.counts.people.unchanged).toBeGreaterThan(3);
		expect(preview.plan.missing).toEqual([]);
	});

	it('reads CSV in English headers too and leaves hidden sheets alone', async () => {
		const { db } = use();
		const t = tag();
		const preview = await previewImport(db, admin, { bytes: utf8(csvText('organisations', network(t).organisations, { english: true })), name: 'en.csv' });
		expect(preview.ok && preview.plan.counts.organisations.create).toBe(2);
		const hidden = await previewImport(db, admin, {
			bytes: await workbook({ organisations: network(t).organisations.slice(0, 1) }, { hidden: { people: network(t).people } }),
			name: 'h.xlsx'
		});
		expect(hidden.ok && [hidden.plan.counts.organisations.create, hidden.plan.counts.people.create]).toEqual([1, 0]);
	});
});

describe('network import, refused outright', () => {
	it('names the limit a file passes', async () => {
		const { readUpload } = await import('../../server/network-import/read');
		expect(await readUpload(new Uint8Array(5 * 1024 * 1024 + 1))).toEqual({ ok: false, error: 'too_large' });
		const rows = Array.from({ length: 5001 }, (_, i) => ({ username: `p${i}`, display_name: `คน ${i}` }));
		expect(await readUpload(utf8(csvText('people', rows)))).toEqual({ ok: false, error: 'too_many_rows' });
		expect(await readUpload(utf8('a,b\n1,2\n'))).toEqual({ ok: false, error: 'no_sheet' });
		// A workbook that unpacks to far more than any 5,000 rows is refused before it is unpacked.
		const { zipSync } = await import('fflate');
		expect(await readUpload(zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(80 * 1024 * 1024) }))).toEqual({ ok: false, error: 'too_large' });
	});
});
