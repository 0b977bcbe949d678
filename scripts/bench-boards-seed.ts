import { performance } from 'node:perf_hooks';
import type pg from 'pg';

/**
 * Seeds a province's twenty years of follow-up into an empty, migrated
 * database, entirely in SQL: 100 bodies meeting monthly, 300 organisations
 * each with a representative, ~42 action items per meeting with their
 * decisions, supporting organisations and histories.
 */

export interface Scale {
	actions: number;
	bodies: number;
	months: number;
	organisations: number;
}

export const SCALE: Scale = { actions: 1_000_000, bodies: 100, months: 240, organisations: 300 };
const SEATS = 20;

// Words of decisions and titles; the place names make rare search terms.
const WORDS = [
	'ตรวจสอบสถานบริการ',
	'ร้านคาราโอเกะ',
	'แรงงานเด็ก',
	'เด็กไร้สัญชาติ',
	'การส่งต่อผู้เสียหาย',
	'บ้านพักเด็กและครอบครัว',
	'อบรมครู',
	'อาสาสมัครเฝ้าระวัง',
	'ฝ่ายปกครอง',
	'โรงพยาบาลชุมชน',
	'ศูนย์พึ่งได้',
	'การคัดกรอง',
	'ทะเบียนราษฎร',
	'ไร่ข้าวโพด',
	'โรงงานแปรรูป',
	'แรงงานข้ามชาติ',
	'ชายแดน',
	'การสืบสวน',
	'ค่าใช้จ่ายเดินทาง',
	'ล่ามภาษาไทใหญ่',
	'การฟื้นฟูจิตใจ',
	'ทุนการศึกษา',
	'สถานะบุคคล',
	'การประชาสัมพันธ์',
	'สายด่วน 1300',
	'ข้อมูลสถิติ',
	'แผนปฏิบัติการ',
	'การเยี่ยมบ้าน',
	'ครอบครัวอุปถัมภ์',
	'การจ้างงาน'
];
const SYLLABLES = ['ห้วย', 'ดอน', 'นา', 'ป่า', 'แม่', 'หนอง', 'โป่ง', 'สัน', 'ทุ่ง', 'ร่อง', 'บ่อ', 'ต้น', 'ปาง', 'เวียง', 'ท่า', 'ผา', 'เหล่า', 'โคก', 'กาด', 'หลวง'];

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

/** Statements in order, each with a label for the progress log. */
export function seedStatements(s: Scale): [string, string][] {
	const G = s.bodies * s.months;
	const h = (expr: string) => `mod((${expr})::bigint * 2654435761, 1000)::int`;
	return [
		[
			'reference data',
			`
			insert into area (id, level, code, name_th, name_en) values (md5('area')::uuid, 'province', 'BENCH', 'จังหวัดทดสอบ', 'Bench Province');
			insert into organisation (id, name_th, name_en, short_name, sector, level, area_id)
				select md5('org' || o)::uuid, 'หน่วยงานที่ ' || o, 'Organisation ' || o, 'หน่วย' || o, 'other', 'district', md5('area')::uuid
				from generate_series(0, ${s.organisations - 1}) o;
			insert into app_user (id, username, display_name, email, locale)
				select md5('user' || o)::uuid, 'rep' || o, 'ผู้แทน ' || o, 'rep' || o || '@bench.invalid', 'th' from generate_series(0, ${s.organisations - 1}) o;
			insert into body (id, name_th, name_en, kind, level, area_id, parent_id)
				select md5('body' || b)::uuid, 'คณะทำงานที่ ' || b, 'Body ' || b, case when b = 0 then 'committee' else 'working_group' end,
					case when b = 0 then 'province' else 'district' end, md5('area')::uuid,
					case when b = 0 then null when b < 10 then md5('body0')::uuid else md5('body' || (1 + b % 9))::uuid end
				from generate_series(0, ${s.bodies - 1}) b;
			create unlogged table bench_seat as
				select b, st, md5('org' || ((b * 7 + st * 13) % ${s.organisations}))::uuid as org_id, md5('user' || ((b * 7 + st * 13) % ${s.organisations}))::uuid as user_id
				from generate_series(0, ${s.bodies - 1}) b, generate_series(0, ${SEATS - 1}) st;
			create index on bench_seat (b, st);
			insert into membership (body_id, user_id, organisation_id, role, starts_on)
				select md5('body' || b)::uuid, user_id, org_id,
					case st when 0 then 'chair' when 1 then 'secretary' when 2 then 'vice_chair' when ${SEATS - 1} then 'observer' else 'member' end, '2000-01-01'
				from bench_seat;`
		],
		[
			'meetings',
			`
			create unlogged table bench_meeting as
				select g, g / ${s.months} as b, g % ${s.months} as k, md5('meeting' || g)::uuid as id, md5('body' || (g / ${s.months}))::uuid as body_id,
					date_trunc('day', now()) - interval '10 days' - (${s.months - 1} - g % ${s.months}) * interval '1 month' + interval '2 hours' as starts_at,
					case when g % ${s.months} < ${s.months - 1} then md5('meeting' || (g + 1))::uuid end as next_id
				from generate_series(0, ${G - 1}) g;
			create index on bench_meeting (g);
			insert into meeting (id, body_id, title, starts_at, ends_at, status, place)
				select id, body_id, 'ประชุมครั้งที่ ' || (k + 1), starts_at, starts_at + interval '3 hours', 'ended', 'ห้องประชุมอำเภอ' from bench_meeting;
			insert into meeting (body_id, title, starts_at, status)
				select md5('body' || b)::uuid, 'ประชุมครั้งถัดไป', date_trunc('day', now()) + interval '20 days 2 hours', 'planned' from generate_series(0, ${s.bodies - 1}) b;`
		],
		[
			'decisions',
			`
			insert into decision (id, meeting_id, text, position, created_at, updated_at)
				select md5('d' || m.g || '-' || q)::uuid, m.id,
					'ให้' || (${arr(WORDS)})[1 + ${h('m.g * 31 + q')} % ${WORDS.length}] || 'และ' || (${arr(WORDS)})[1 + ${h('m.g * 17 + q * 5 + 3')} % ${WORDS.length}]
						|| ' ในพื้นที่บ้าน' || (${arr(SYLLABLES)})[1 + ${h('m.g + q * 7')} % ${SYLLABLES.length}] || (${arr(SYLLABLES)})[1 + ${h('m.g * 3 + q')} % ${SYLLABLES.length}]
						|| (${arr(SYLLABLES)})[1 + ${h('m.g * 11 + q * 13 + 1')} % ${SYLLABLES.length}] || ' ครั้งที่ ' || (m.g * 21 + q),
					q, m.starts_at + interval '1 hour', m.starts_at + interval '1 hour'
				from bench_meeting m, generate_series(0, ${Math.ceil(s.actions / G / 2) - 1}) q;`
		],
		[
			'action items',
			`
			insert into action_item (id, body_id, meeting_id, decision_id, title, lead_organisation_id, assignee_id, due_on, status, closed_meeting_id, created_at, updated_at)
				select md5('a' || x.i)::uuid, m.body_id, m.id, md5('d' || m.g || '-' || (x.r / 2))::uuid,
					'ติดตาม' || (${arr(WORDS)})[1 + x.h % ${WORDS.length}] || ' รายการที่ ' || x.i, ls.org_id, ls.user_id,
					(st.created at time zone 'Asia/Bangkok')::date + 14 + x.h % 60, st.status,
					case when st.status = 'closed' then coalesce(m.next_id, m.id) end, st.created,
					case when st.status in ('closed', 'dropped') then st.created + interval '30 days' else st.created + (x.h % 20) * interval '1 day' end
				from (select i, i % ${G} as g, i / ${G} as r, ${h('i')} as h from generate_series(0, ${s.actions - 1}) i) x
				join bench_meeting m on m.g = x.g
				join bench_seat ls on ls.b = m.b and ls.st = (x.r * 7 + m.k) % ${SEATS}
				cross join lateral (select m.starts_at + interval '1 hour' + x.r * interval '1 minute' as created,
					case when m.starts_at < now() - interval '1 year' then
						case when x.h < 970 then 'closed' when x.h < 995 then 'dropped' when x.h < 998 then 'open' else 'in_progress' end
					else
						case when x.h < 400 then 'closed' when x.h < 450 then 'dropped' when x.h < 700 then 'open' when x.h < 850 then 'in_progress' else 'awaiting_report' end
					end as status) st;`
		],
		[
			'supporting organisations',
			`
			insert into action_item_organisation (action_item_id, organisation_id)
				select md5('a' || x.i)::uuid, ss.org_id
				from (select i, i % ${G} as g, i / ${G} as r from generate_series(0, ${s.actions - 1}) i) x
				join bench_meeting m on m.g = x.g
				join lateral (select 3 as d union all select 11 where x.i % 2 = 0) off on true
				join bench_seat ss on ss.b = m.b and ss.st = (x.r * 7 + m.k + off.d) % ${SEATS};
			insert into decision_organisation (decision_id, organisation_id, responsibility)
				select distinct on (a.decision_id) a.decision_id, a.lead_organisation_id, 'lead' from action_item a order by a.decision_id, a.created_at;`
		],
		[
			'history',
			`
			insert into action_update (action_item_id, author_id, at, kind, text, meeting_id)
				select id, null, created_at, 'created', '', meeting_id from action_item;
			insert into action_update (action_item_id, author_id, at, kind, text)
				select id, assignee_id, created_at + interval '7 days', 'progress', 'ดำเนินการแล้วบางส่วน ประสานหน่วยงานในพื้นที่' from action_item
				where status <> 'open' and ${h('abs(hashtext(id::text))')} < 700;
			insert into action_update (action_item_id, author_id, at, kind, text, meeting_id)
				select a.id, a.assignee_id, m.starts_at + interval '30 minutes', 'report_back', 'รายงานผลต่อที่ประชุม ดำเนินการครบถ้วน', a.closed_meeting_id
				from action_item a join meeting m on m.id = a.closed_meeting_id where a.status = 'closed';
			insert into action_update (action_item_id, author_id, at, kind, text, meeting_id)
				select a.id, null, m.starts_at + interval '40 minutes', 'accepted', '', a.closed_meeting_id
				from action_item a join meeting m on m.id = a.closed_meeting_id where a.status = 'closed';
			insert into action_update (action_item_id, author_id, at, kind, text)
				select id, null, updated_at, 'dropped', 'ไม่มีความจำเป็นแล้ว' from action_item where status = 'dropped';`
		],
		['clean-up', `drop table bench_seat; drop table bench_meeting;`]
	];
}

/** Secondary indexes of the seeded tables, dropped while seeding and rebuilt after: one sort beats a million inserts. */
export async function withoutIndexes(client: pg.Client, tables: string[], seed: () => Promise<void>): Promise<void> {
	const { rows } = await client.query<{ name: string; def: string }>(
		`select indexname as name, indexdef as def from pg_indexes
		where schemaname = 'public' and tablename = any($1) and indexname not in (select conname from pg_constraint)`,
		[tables]
	);
	for (const r of rows) await client.query(`drop index ${r.name}`);
	await seed();
	const t0 = performance.now();
	await client.query(`set maintenance_work_mem = '512MB'`);
	for (const r of rows) await client.query(r.def);
	console.log(`  ${`${rows.length} indexes`.padEnd(26)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
