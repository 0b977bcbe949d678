import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { hashPassword } from '../auth/password';
import { seedCases } from './cases';
import { seedCycleRows } from './cycle';
import { seedCycleDocuments } from './cycle-documents';
import { areas, bodies, decisionPlan, DEMO_PASSWORD, meetingPlan, organisations, people, seats } from './network';
import { seedReferrals } from './referrals';
import { seedReports } from './reports';

/** A stable UUID for a demo row, so that seeding twice inserts nothing new. */
export function demoId(kind: string, key: string): string {
	const h = createHash('sha256').update(`concord-demo:${kind}:${key}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface SeedResult {
	inserted: number;
	logins: { username: string; name: string; roles: string[] }[];
	password: string;
}

const BANGKOK_OFFSET_HOURS = 7;

export function meetingStart(now: Date, monthOffset: number, day: number, hour: number): Date {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthOffset, day, hour - BANGKOK_OFFSET_HOURS));
}

/** Seeds the Phayao demo network. Idempotent: rows are keyed by stable ids. */
export async function seedDemo(db: Kysely<DB>, now = new Date()): Promise<SeedResult> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	let inserted = 0;
	const count = (r: { numInsertedOrUpdatedRows?: bigint }[]) => {
		inserted += r.reduce((n, x) => n + Number(x.numInsertedOrUpdatedRows ?? 0n), 0);
	};

	await db.transaction().execute(async (tx) => {
		for (const a of areas) {
			count(
				await tx
					.insertInto('area')
					.values({
						id: demoId('area', a.key),
						parent_id: a.parent ? demoId('area', a.parent) : null,
						level: a.level,
						code: a.code,
						name_th: a.th,
						name_en: a.en
					})
					.onConflict((oc) => oc.doNothing())
					.execute()
			);
		}
		for (const o of organisations) {
			count(
				await tx
					.insertInto('organisation')
					.values({
						id: demoId('org', o.key),
						name_th: o.th,
						name_en: o.en,
						short_name: o.short,
						sector: o.sector,
						level: o.level,
						area_id: demoId('area', o.area),
						contact_phone: o.phone ?? null,
						contact_email: o.email ?? null,
						contact_address: null
					})
					.onConflict((oc) => oc.doNothing())
					.execute()
			);
		}
		for (const b of bodies) {
			count(
				await tx
					.insertInto('body')
					.values({
						id: demoId('body', b.key),
						name_th: b.th,
						name_en: b.en,
						kind: b.kind,
						level: b.level,
						area_id: demoId('area', b.area),
						parent_id: b.parent ? demoId('body', b.parent) : null,
						secretariat_organisation_id: b.secretariat ? demoId('org', b.secretariat) : null,
						cadence: b.cadence,
						quorum_rule: b.quorum,
						terms_th: b.termsTh,
						terms_en: b.termsEn
					})
					.onConflict((oc) => oc.doNothing())
					.execute()
			);
		}
		for (const p of people) {
			count(
				await tx
					.insertInto('app_user')
					.values({
						id: demoId('user', p.key),
						username: p.username,
						display_name: p.name,
						name_title: p.title ?? '',
						position: p.position ?? '',
						email: `${p.username}@demo.concord.invalid`,
						phone: null,
						locale: p.locale ?? 'th',
						is_admin: p.admin ?? false,
						password_hash: passwordHash
					})
					.onConflict((oc) => oc.doNothing())
					.execute()
			);
		}
		const startsOn = '2025-10-01';
		for (const s of seats) {
			count(
				await tx
					.insertInto('membership')
					.values({
						id: demoId('membership', `${s.body}:${s.person}:${s.org}`),
						body_id: demoId('body', s.body),
						user_id: demoId('user', s.person),
						organisation_id: demoId('org', s.org),
						role: s.role,
						alternate_user_id: s.alternate ? demoId('user', s.alternate) : null,
						starts_on: startsOn
					})
					.onConflict((oc) => oc.doNothing())
					.execute()
			);
		}
		for (const m of meetingPlan) {
			const start = meetingStart(now, m.monthOffset, m.day, m.hour);
			const body = bodies.find((b) => b.key === m.body)!;
			const month = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { month: 'long', year: 'numeric', timeZone: 'Asia/Bangkok' }).format(start);
			count(
				await tx
					.insertInto('meeting')
					.values({
						id: demoId('meeting', `${m.body}:${m.monthOffset}`),
						body_id: demoId('body', m.body),
						kind: m.kind ?? 'regular',
						title: `ประชุม${body.th} ประจำเดือน${month}`,
						starts_at: start,
						ends_at: m.monthOffset < 0 ? new Date(start.getTime() + 3 * 3600_000) : null,
						place: body.level === 'province' ? 'ห้องประชุมศาลากลางจังหวัดพะเยา' : 'ห้องประชุมที่ว่าการอำเภอดอกคำใต้',
						online_url: null,
						status: m.monthOffset < 0 ? 'ended' : 'planned'
					})
					.onConflict((oc) => oc.doNothing())
					.execute()
			);
		}
		for (const d of decisionPlan) {
			const plan = meetingPlan.find((m) => `${m.body}:${m.monthOffset}` === d.meeting)!;
			const meetingId = demoId('meeting', d.meeting);
			const decidedAt = meetingStart(now, plan.monthOffset, plan.day, plan.hour + 1);
			const decision = await tx
				.insertInto('decision')
				.values({
					id: demoId('decision', d.key),
					meeting_id: meetingId,
					agenda_item_id: null,
					text: d.text,
					created_at: decidedAt,
					updated_at: decidedAt
				})
				.onConflict((oc) => oc.doNothing())
				.execute();
			count(decision);
			if (!Number(decision[0]?.numInsertedOrUpdatedRows ?? 0n)) continue;
			await tx
				.insertInto('decision_organisation')
				.values([
					{ decision_id: demoId('decision', d.key), organisation_id: demoId('org', d.lead), responsibility: 'lead' as const },
					...d.supporting.map((o) => ({ decision_id: demoId('decision', d.key), organisation_id: demoId('org', o), responsibility: 'supporting' as const }))
				])
				.execute();
			for (const a of d.actions) {
				const id = demoId('action', a.key);
				const due = meetingStart(now, plan.monthOffset + 1 + a.dueMonthOffset, 1, 12)
					.toISOString()
					.slice(0, 10);
				await tx
					.insertInto('action_item')
					.values({
						id,
						body_id: demoId('body', plan.body),
						meeting_id: meetingId,
						decision_id: demoId('decision', d.key),
						title: a.title,
						lead_organisation_id: demoId('org', a.lead),
						assignee_id: demoId('user', a.assignee),
						due_on: due,
						status: a.status,
						closed_meeting_id: a.status === 'closed' ? demoId('meeting', 'dkt-wg:-1') : null,
						created_at: decidedAt,
						updated_at: decidedAt
					})
					.execute();
				inserted += 1;
				// Items past "open" carry the history that got them there: nothing is silently closed.
				const later = new Date(decidedAt.getTime() + 10 * 24 * 3600_000);
				const by = demoId('user', a.assignee);
				const history: { kind: 'started' | 'progress' | 'done' | 'report_back' | 'accepted'; text: string; author: string; meeting: string | null }[] =
					a.status === 'in_progress'
						? [
								{ kind: 'started', text: '', author: by, meeting: null },
								{ kind: 'progress', text: 'ตรวจแล้ว 4 จาก 9 แห่ง ยังไม่พบเด็กอายุต่ำกว่า 18 ปี', author: by, meeting: null }
							]
						: a.status === 'awaiting_report'
							? [{ kind: 'done', text: 'จัดอบรมแล้ว ครูเข้าร่วม 42 คน จาก 6 โรงเรียน', author: by, meeting: null }]
							: a.status === 'closed'
								? [
										{ kind: 'report_back', text: 'บ้านพักเด็กฯ ยืนยันรับเด็กได้ภายใน 24 ชั่วโมง ติดต่อผ่านเวรประจำ', author: by, meeting: demoId('meeting', 'dkt-wg:-1') },
										{ kind: 'accepted', text: '', author: demoId('user', 'district-officer'), meeting: demoId('meeting', 'dkt-wg:-1') }
									]
								: [];
				for (const h of history) {
					await tx
						.insertInto('action_update')
						.values({ action_item_id: id, author_id: h.author, at: later, kind: h.kind, text: h.text, meeting_id: h.meeting, detail: null })
						.execute();
				}
			}
		}
		inserted += await seedCases(tx, now);
		inserted += await seedReferrals(tx, now);
		inserted += await seedReports(tx, now);
		inserted += await seedCycleRows(tx, now);
	});
	// Documents and minutes go through the collaboration server, which needs the rows committed.
	inserted += await seedCycleDocuments(db, now);

	const logins = people.map((p) => ({
		username: p.username,
		name: p.name,
		roles: [
			...(p.admin ? ['administrator'] : []),
			...seats.filter((s) => s.person === p.key).map((s) => `${s.role} · ${bodies.find((b) => b.key === s.body)!.en}`)
		]
	}));
	return { inserted, logins, password: DEMO_PASSWORD };
}
