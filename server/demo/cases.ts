import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { AgeBand, CaseCategory, CaseNeedKind, CaseNeedStatus, CaseSex, CaseStatus } from '../db/schema-cases';
import { buddhistYear, formatCode } from '../cases/code';
import { conferenceTitle } from '../cases/conference';
import { demoId } from './seed';

/**
 * Cases of the Dok Khamtai working group. The team is the secretary, the chair
 * and the hospital's representative; the police representative sits on the
 * same body but is on no team, so the demo shows what a member outside the
 * team sees. Every person here is fictional.
 */

interface DemoCase {
	key: string;
	daysAgo: number;
	category: CaseCategory;
	sex: CaseSex;
	ageBand: AgeBand;
	status: CaseStatus;
	/** Demo people and the organisation of their working-group seat. */
	team: [person: string, org: string][];
	needs: { need: CaseNeedKind; org: string | null; status: CaseNeedStatus; note: string }[];
}

const secretary: [string, string] = ['cdo', 'dkt-cdo'];
const chair: [string, string] = ['district-officer', 'dkt-office'];
const hospital: [string, string] = ['hospital', 'dkt-hospital'];

const cases: DemoCase[] = [
	{
		key: 'c1',
		daysAgo: 75,
		category: 'sexual_exploitation',
		sex: 'female',
		ageBand: '15_17',
		status: 'in_care',
		team: [secretary, chair, hospital],
		needs: [
			{ need: 'physical', org: 'dkt-hospital', status: 'met', note: 'ตรวจร่างกายแล้ว ไม่พบการบาดเจ็บ นัดติดตามผลเลือด' },
			{ need: 'emotional', org: 'dkt-hospital', status: 'in_progress', note: 'นักจิตวิทยาพบสัปดาห์ละครั้ง' },
			{ need: 'social_rehabilitation', org: 'shelter', status: 'in_progress', note: 'พักที่บ้านพักเด็กและครอบครัว เรียนต่อ กศน.' },
			{ need: 'family_community', org: 'dkt-cdo', status: 'planned', note: 'เยี่ยมบ้านประเมินความพร้อมของครอบครัว' },
			{ need: 'safe_return', org: 'dkt-cdo', status: 'planned', note: '' },
			{ need: 'identity_documents', org: 'dkt-office', status: 'not_needed', note: 'มีบัตรประจำตัวประชาชนแล้ว' }
		]
	},
	{
		key: 'c2',
		daysAgo: 40,
		category: 'labour_trafficking',
		sex: 'male',
		ageBand: '12_14',
		status: 'open',
		team: [secretary, chair],
		needs: [
			{ need: 'physical', org: 'dkt-hospital', status: 'met', note: '' },
			{ need: 'identity_documents', org: 'dkt-office', status: 'in_progress', note: 'ยื่นคำร้องตรวจสอบสถานะทางทะเบียน' },
			{ need: 'family_community', org: 'dkt-cdo', status: 'planned', note: '' }
		]
	},
	{
		key: 'c3',
		daysAgo: 12,
		category: 'high_vulnerability',
		sex: 'female',
		ageBand: '6_11',
		status: 'open',
		team: [secretary, hospital],
		needs: [{ need: 'emotional', org: 'dkt-hospital', status: 'planned', note: '' }]
	}
];

const DAY = 24 * 3600_000;
const bangkokDate = (t: Date) => new Date(t.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** Seeds the demo cases; idempotent like the rest of the seed. Returns the rows inserted. */
export async function seedCases(db: Kysely<DB>, now: Date): Promise<number> {
	let inserted = 0;
	const count = (r: { numInsertedOrUpdatedRows?: bigint }[]) => {
		const n = r.reduce((s, x) => s + Number(x.numInsertedOrUpdatedRows ?? 0n), 0);
		inserted += n;
		return n;
	};
	const bodyId = demoId('body', 'dkt-wg');
	await db.updateTable('body').set({ case_prefix: 'DKT' }).where('id', '=', bodyId).where('case_prefix', 'is', null).execute();

	const sequence = new Map<number, number>();
	for (const c of cases) {
		const caseId = demoId('case', c.key);
		const openedOn = bangkokDate(new Date(now.getTime() - c.daysAgo * DAY));
		const year = buddhistYear(openedOn);
		sequence.set(year, (sequence.get(year) ?? 0) + 1);
		const openedAt = new Date(now.getTime() - c.daysAgo * DAY);
		const fresh = count(
			await db
				.insertInto('case_file')
				.values({
					id: caseId,
					code: formatCode('DKT', year, sequence.get(year)!),
					body_id: bodyId,
					category: c.category,
					sex: c.sex,
					age_band: c.ageBand,
					status: c.status,
					intake_report_id: null,
					opened_on: openedOn,
					closed_on: null,
					created_by: demoId('user', 'cdo'),
					created_at: openedAt,
					updated_at: openedAt
				})
				.onConflict((oc) => oc.doNothing())
				.execute()
		);
		if (!fresh) continue;
		for (const [person, org] of c.team) {
			count(
				await db
					.insertInto('case_team')
					.values({
						id: demoId('case_team', `${c.key}:${person}`),
						case_id: caseId,
						user_id: demoId('user', person),
						organisation_id: demoId('org', org),
						added_by: demoId('user', 'cdo'),
						added_at: openedAt
					})
					.execute()
			);
		}
		for (const n of c.needs) {
			count(
				await db
					.insertInto('case_need')
					.values({
						id: demoId('case_need', `${c.key}:${n.need}`),
						case_id: caseId,
						need: n.need,
						organisation_id: n.org ? demoId('org', n.org) : null,
						status: n.status,
						note: n.note,
						updated_by: demoId('user', 'cdo'),
						updated_at: openedAt
					})
					.execute()
			);
		}
	}

	// The restricted record of the first case, and the case conference held on it.
	const first = demoId('case', 'c1');
	count(
		await db
			.insertInto('case_identity')
			.values({
				case_id: first,
				full_name: 'นางสาวขวัญข้าว อินต๊ะ',
				date_of_birth: `${now.getUTCFullYear() - 16}-03-14`,
				family: 'อาศัยอยู่กับยาย (นางแก้ว อินต๊ะ อายุ 68 ปี) บิดาเสียชีวิต มารดาไปทำงานต่างจังหวัดและขาดการติดต่อ มีน้องชายอายุ 9 ปี',
				address: '112 หมู่ 7 บ้านห้วยลาน ตำบลห้วยลาน อำเภอดอกคำใต้ จังหวัดพะเยา',
				contact: 'ยาย ผ่านโทรศัพท์ของผู้ใหญ่บ้าน 08 1234 5678',
				notes: 'ถูกชักชวนไปทำงานร้านคาราโอเกะต่างอำเภอโดยอ้างว่าเป็นงานร้านอาหาร ตำรวจพบระหว่างการตรวจสถานบริการ',
				updated_by: demoId('user', 'cdo'),
				updated_at: new Date(now.getTime() - 74 * DAY)
			})
			.onConflict((oc) => oc.doNothing())
			.execute()
	);

	const code = (await db.selectFrom('case_file').select('code').where('id', '=', first).executeTakeFirstOrThrow()).code;
	const held = new Date(`${bangkokDate(new Date(now.getTime() - 20 * DAY))}T13:30:00+07:00`);
	const meetingId = demoId('meeting', 'case:c1:conference');
	const conference = count(
		await db
			.insertInto('meeting')
			.values({
				id: meetingId,
				body_id: bodyId,
				kind: 'case_conference',
				case_id: first,
				title: conferenceTitle(code),
				starts_at: held,
				ends_at: new Date(held.getTime() + 2 * 3600_000),
				place: 'ห้องประชุมโรงพยาบาลดอกคำใต้',
				online_url: null,
				status: 'ended',
				started_at: held,
				closed_at: new Date(held.getTime() + 2 * 3600_000),
				created_by: demoId('user', 'cdo')
			})
			.onConflict((oc) => oc.doNothing())
			.execute()
	);
	if (conference) {
		const actionId = demoId('action', 'case:c1:a1');
		count(
			await db
				.insertInto('action_item')
				.values({
					id: actionId,
					body_id: bodyId,
					meeting_id: meetingId,
					decision_id: null,
					case_id: first,
					title: 'นัดนักจิตวิทยาประเมินสภาพจิตใจและติดตามทุกสัปดาห์',
					lead_organisation_id: demoId('org', 'dkt-hospital'),
					assignee_id: demoId('user', 'hospital'),
					due_on: bangkokDate(new Date(now.getTime() + 10 * DAY)),
					status: 'in_progress',
					closed_meeting_id: null,
					created_at: held,
					updated_at: held
				})
				.execute()
		);
		await db
			.insertInto('action_update')
			.values({
				action_item_id: actionId,
				author_id: demoId('user', 'hospital'),
				at: new Date(held.getTime() + 3 * DAY),
				kind: 'started',
				text: '',
				meeting_id: null,
				detail: null
			})
			.execute();
	}
	return inserted;
}
