import { expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import { documentAccess } from '../../server/access/documents';
import { bodyTemplate, schedule, setLocked, setStatus, updateTemplate } from '../../server/meetings/service';
import { describeEachEngine } from '../support/database';
import { makeBody } from '../support/factories';

const inDays = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 24 * 3600_000).toISOString().slice(0, 10);
const input = (o: Record<string, unknown> = {}) => ({
	title: 'ประชุมประจำเดือน',
	kind: 'regular',
	date: inDays(10),
	time: '09:00',
	place: 'ห้องประชุมอำเภอ',
	onlineUrl: '',
	repeat: 'none',
	count: '',
	...o
});

describeEachEngine('scheduling and running meetings', (use) => {
	it('schedules one meeting or a series from the cadence, for the chair or secretary only', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['secretary', 'member'] });
		const one = await schedule(db, body.seats.secretary!.actor, body.id, input(), null);
		expect(one).toMatchObject({ ok: true });
		const series = await schedule(db, body.seats.secretary!.actor, body.id, input({ repeat: 'nth_weekday', count: '6' }), null);
		if (!series.ok) throw new Error('refused');
		expect(series.ids).toHaveLength(6);
		const rows = await db.selectFrom('meeting').select(['series_id', 'starts_at']).where('id', 'in', series.ids).orderBy('starts_at').execute();
		expect(new Set(rows.map((r) => r.series_id)).size).toBe(1);
		expect(rows[0]!.series_id).not.toBeNull();
		await expect(schedule(db, body.seats.member!.actor, body.id, input(), null)).rejects.toBeInstanceOf(AccessDenied);
	});

	it('names each bad input and schedules nothing', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['secretary'] });
		const r = await schedule(
			db,
			body.seats.secretary!.actor,
			body.id,
			input({ title: '', date: inDays(-3), time: '25:00', onlineUrl: 'ftp://x', repeat: 'same_day', count: '99' }),
			null
		);
		expect(r).toEqual({ ok: false, errors: { title: 'required', time: 'invalid', onlineUrl: 'unsafe_link', count: 'invalid', date: 'in_past' } });
		expect(await db.selectFrom('meeting').select('id').where('body_id', '=', body.id).execute()).toHaveLength(0);
	});

	it('moves through its statuses only forward, and a lock or approved minutes make the document read-only', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const s = await schedule(db, body.seats.chair!.actor, body.id, input(), null);
		if (!s.ok) throw new Error('refused');
		const id = s.ids[0]!;
		const member = body.seats.member!.actor;
		expect(await setStatus(db, body.seats.chair!.actor, id, 'ended', null)).toEqual({ ok: false, errors: { status: 'not_allowed' } });
		expect(await setStatus(db, body.seats.chair!.actor, id, 'in_progress', null)).toEqual({ ok: true });
		await expect(setStatus(db, member, id, 'ended', null)).rejects.toBeInstanceOf(AccessDenied);
		expect(await documentAccess(db, member, `meeting:${id}`)).toMatchObject({ allowed: true, mode: 'write' });
		await setLocked(db, body.seats.chair!.actor, id, true, null);
		expect(await documentAccess(db, member, `meeting:${id}`)).toMatchObject({ allowed: true, mode: 'read' });
		await setLocked(db, body.seats.chair!.actor, id, false, null);
		expect(await setStatus(db, body.seats.chair!.actor, id, 'ended', null)).toEqual({ ok: true });
		const row = await db.selectFrom('meeting').select(['status', 'started_at', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.status).toBe('ended');
		expect(row.started_at).not.toBeNull();
		expect(row.closed_at).not.toBeNull();
	});

	it('keeps a body’s own agenda template, edited by its secretary', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['secretary', 'member'] });
		// A body that has not met starts from the government format, ระเบียบวาระที่ 1–5.
		expect((await bodyTemplate(db, body.seats.secretary!.actor, body.id)).map((t) => t.standing)).toEqual([null, 'minutes', 'followup', 'cases', null]);
		const rows = [
			{ titleTh: 'รับรองรายงานการประชุม', titleEn: 'Minutes', minutes: '10', standing: 'minutes' },
			{ titleTh: 'ข้อมูลจากอาสาสมัคร', titleEn: '', minutes: '20', standing: '' }
		];
		expect(await updateTemplate(db, body.seats.secretary!.actor, body.id, rows, null)).toEqual({ ok: true });
		expect((await bodyTemplate(db, body.seats.secretary!.actor, body.id)).map((t) => t.title_th)).toEqual(['รับรองรายงานการประชุม', 'ข้อมูลจากอาสาสมัคร']);
		await expect(updateTemplate(db, body.seats.member!.actor, body.id, rows, null)).rejects.toBeInstanceOf(AccessDenied);
	});
});
