import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema';
import { removeFromTeam } from '../../server/cases/members';
import { demoId } from '../../server/demo/seed';
import { generated } from '../../src/lib/generated-text';
import { action, body, C3_ACTION, C3_CONFERENCE, caseId, user } from './form-action-world';

/**
 * The words of the demo's cases, for the sweep that proves no page shows them
 * off the case's team (tests/integration/case-words-sweep.test.ts): words of
 * every kind planted where the demo leaves none, and every case's words read
 * straight from the database.
 */

export type Kind = 'action title' | 'action description' | 'action history' | 'decision' | 'conference title' | 'conference place' | 'identity' | 'need note';
export interface Word {
	caseId: string;
	kind: Kind;
	text: string;
	flat: string;
}

export const MARK = 'ลับเฉพาะทีม';
export const WG = body('dkt-wg');
const DAY = 24 * 3600_000;
/** Text as a reader could find a word in it, whatever escaped or folded it: JSON, CSV, iCalendar lines, Markdown. */
export const flat = (s: string) => s.replace(/\\[nrt]/g, ' ').replace(/[^\p{L}\p{M}\p{N}]/gu, '');

/** Words for every kind, on the cases the demo leaves without them. */
export async function plantWords(db: Kysely<DB>) {
	const now = new Date();
	await db
		.updateTable('action_item')
		.set({ description: `${MARK}-c1 นัดนักจิตวิทยาที่บ้านของยายทุกวันพุธ` })
		.where('id', '=', action('case:c1:a1'))
		.execute();
	await db
		.updateTable('action_item')
		.set({ description: `${MARK}-c3 ผู้ชักชวนเป็นญาติฝ่ายแม่ อยู่บ้านสันป่าม่วง` })
		.where('id', '=', C3_ACTION)
		.execute();
	await db
		.insertInto('action_update')
		.values([
			{
				action_item_id: action('case:c1:a1'),
				author_id: user('hospital'),
				at: now,
				kind: 'progress',
				text: `${MARK}-c1 น้องนอนหลับได้ดีขึ้น ยังกลัวเสียงรถจักรยานยนต์`,
				meeting_id: null,
				detail: null
			},
			{
				action_item_id: C3_ACTION,
				author_id: user('cdo'),
				at: now,
				kind: 'progress',
				text: `${MARK}-c3 ผู้ปกครองยอมให้ปากคำที่บ้านพักเด็ก`,
				meeting_id: null,
				detail: null
			}
		])
		.execute();
	const decisionId = demoId('decision', 'case:c3:sweep');
	await db
		.insertInto('decision')
		.values({
			id: decisionId,
			meeting_id: C3_CONFERENCE,
			agenda_item_id: null,
			text: `${MARK}-c3 ให้ย้ายน้องไปอยู่กับป้าที่อำเภอเชียงคำ`,
			case_id: caseId('c3'),
			created_at: now,
			updated_at: now
		})
		.execute();
	await db
		.insertInto('decision_organisation')
		.values({ decision_id: decisionId, organisation_id: demoId('org', 'dkt-cdo'), responsibility: 'lead' })
		.execute();
	// A case action followed up at the working group's meetings, led by a school off the case's team.
	await db
		.insertInto('action_item')
		.values({
			id: action('case:c2:sweep'),
			body_id: WG,
			meeting_id: null,
			decision_id: null,
			case_id: caseId('c2'),
			title: `${MARK}-c2 หาที่เรียนให้น้องใกล้บ้านพัก`,
			description: `${MARK}-c2 น้องเคยเรียนถึง ป.5 ที่โรงเรียนบ้านสบต๋ำ`,
			lead_organisation_id: demoId('org', 'dkt-school1'),
			assignee_id: user('district-officer'),
			due_on: new Date(now.getTime() - 3 * DAY).toISOString().slice(0, 10),
			status: 'open',
			closed_meeting_id: null,
			created_at: new Date(now.getTime() - 30 * DAY),
			updated_at: new Date(now.getTime() - 30 * DAY)
		})
		.execute();
	await db
		.insertInto('case_identity')
		.values([
			{ case_id: caseId('c2'), full_name: 'เด็กชายจ่อหม่อง แสงคำ', address: 'แคมป์คนงานไร่ข้าวโพด บ้านถ้ำสบต๋ำ', updated_by: user('cdo'), updated_at: now },
			{ case_id: caseId('c3'), full_name: 'เด็กหญิงน้ำฝน ใจเย็น', contact: 'ป้าน้ำผึ้ง 09 8765 4321', updated_by: user('cdo'), updated_at: now }
		])
		.execute();
	// The chair leaves the case's team and stays named on its action, so "Mine" lists it to someone off the team.
	const left = await removeFromTeam(db, { userId: user('cdo'), isAdmin: false }, caseId('c2'), user('district-officer'), null);
	if (!left.ok) throw new Error(`remove from team: ${JSON.stringify(left.errors)}`);
	// A photo of the restricted record: bytes, not words, so only whether it is sent is weighed.
	const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
	await db
		.insertInto('case_document')
		.values({
			case_id: caseId('c1'),
			kind: 'photo',
			filename: 'photo.png',
			media_type: 'image/png',
			size: png.byteLength,
			content: png,
			uploaded_by: user('cdo'),
			uploaded_at: now
		})
		.execute();
}

/** Every case's own words, straight from the database: long enough to be told apart, written by people, held nowhere else. */
export async function caseWords(db: Kysely<DB>): Promise<Word[]> {
	const raw: [string | null, Kind, string | null][] = [];
	const actions = await db.selectFrom('action_item').select(['case_id', 'title', 'description']).where('case_id', 'is not', null).execute();
	for (const a of actions) raw.push([a.case_id, 'action title', a.title], [a.case_id, 'action description', a.description]);
	const updates = await db
		.selectFrom('action_update as u')
		.innerJoin('action_item as a', 'a.id', 'u.action_item_id')
		.select(['a.case_id', 'u.text'])
		.where('a.case_id', 'is not', null)
		.execute();
	for (const u of updates) raw.push([u.case_id, 'action history', u.text]);
	for (const d of await db.selectFrom('decision').select(['case_id', 'text']).where('case_id', 'is not', null).execute())
		raw.push([d.case_id, 'decision', d.text]);
	for (const m of await db.selectFrom('meeting').select(['case_id', 'title', 'place']).where('case_id', 'is not', null).execute())
		raw.push([m.case_id, 'conference title', m.title], [m.case_id, 'conference place', m.place]);
	for (const i of await db.selectFrom('case_identity').selectAll().execute())
		for (const t of [i.full_name, i.family, i.address, i.contact, i.notes]) raw.push([i.case_id, 'identity', t]);
	for (const n of await db.selectFrom('case_need').select(['case_id', 'note']).execute()) raw.push([n.case_id, 'need note', n.note]);

	// What the server writes in a case's name says no more than its code or an organisation.
	const codes = await db.selectFrom('case_file').select('code').execute();
	const orgs = await db.selectFrom('organisation').select(['name_th', 'name_en', 'short_name']).execute();
	const neutral = new Set<string>([
		...codes.flatMap((c) => [generated.conferenceTitle(c.code), generated.referralOfCase(c.code)]),
		...orgs.flatMap((o) => [o.name_th, o.name_en, o.short_name].map(generated.referralReceived))
	]);
	const elsewhere = flat((await openTexts(db)).join('\n'));
	const words = new Map<string, Word>();
	for (const [id, kind, t] of raw) {
		const text = (t ?? '').trim();
		if (!id || text.length < 8 || neutral.has(text) || elsewhere.includes(flat(text))) continue;
		words.set(`${id}:${text}`, { caseId: id, kind, text, flat: flat(text) });
	}
	return [...words.values()];
}

/** Free text that belongs to no case, which anyone in the network may read. */
async function openTexts(db: Kysely<DB>): Promise<string[]> {
	const [meetings, actions, updates, decisions, orgs, bodies, people] = await Promise.all([
		db.selectFrom('meeting').select(['title', 'place']).where('case_id', 'is', null).execute(),
		db.selectFrom('action_item').select(['title', 'description']).where('case_id', 'is', null).execute(),
		db.selectFrom('action_update as u').innerJoin('action_item as a', 'a.id', 'u.action_item_id').select('u.text').where('a.case_id', 'is', null).execute(),
		db.selectFrom('decision').select('text').where('case_id', 'is', null).execute(),
		db.selectFrom('organisation').select(['name_th', 'name_en']).execute(),
		db.selectFrom('body').select(['name_th', 'name_en']).execute(),
		db.selectFrom('app_user').select(['display_name', 'position']).execute()
	]);
	return [meetings, actions, updates, decisions, orgs, bodies, people].flatMap((rows) => rows.flatMap((r) => Object.values(r).map((v) => String(v ?? ''))));
}
