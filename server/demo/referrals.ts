import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { demoId } from './seed';
import { generated } from '../../src/lib/generated-text';

const DAY = 24 * 3600_000;

/**
 * Two referrals of the demo cases: one the shelter accepted and is working on
 * (with its follow-up action), one still waiting for the employment office.
 * Inserted once, by fixed ids, like the rest of the seed.
 */
export async function seedReferrals(db: Kysely<DB>, now: Date): Promise<number> {
	const bodyId = demoId('body', 'dkt-wg');
	const cdo = demoId('user', 'cdo');
	const first = demoId('case', 'c1');
	const second = demoId('case', 'c2');
	const cases = await db.selectFrom('case_file').select(['id', 'code']).where('id', 'in', [first, second]).execute();
	const code = new Map(cases.map((c) => [c.id, c.code]));
	if (code.size < 2) return 0;
	let inserted = 0;

	const sheltered = demoId('referral', 'c1:shelter');
	const sentAt = new Date(now.getTime() - 19 * DAY);
	const actionId = demoId('action', 'referral:c1:shelter');
	const made = await db
		.insertInto('referral')
		.values({
			id: sheltered,
			body_id: bodyId,
			case_id: first,
			intake_report_id: null,
			decision_id: null,
			from_organisation_id: demoId('org', 'dkt-cdo'),
			to_organisation_id: demoId('org', 'shelter'),
			to_body_id: null,
			reason: 'ต้องการที่พักปลอดภัยระหว่างการสืบสวน และการดูแลฟื้นฟูสภาพจิตใจระยะกลาง',
			urgency: 'urgent',
			shared: 'รหัสกรณี ช่วงอายุ เพศ ผลการประเมินเบื้องต้นของโรงพยาบาล',
			consent: 'given_by_guardian',
			consent_note: 'ยายผู้ดูแลลงนามยินยอม',
			status: 'in_progress',
			declined_reason: null,
			outcome: null,
			action_item_id: null,
			created_by: cdo,
			created_at: sentAt,
			updated_at: new Date(sentAt.getTime() + 2 * DAY)
		})
		.onConflict((oc) => oc.doNothing())
		.executeTakeFirst();
	if (Number(made.numInsertedOrUpdatedRows ?? 0) > 0) {
		inserted++;
		const shelter = demoId('user', 'shelter');
		await db
			.insertInto('action_item')
			.values({
				id: actionId,
				body_id: bodyId,
				meeting_id: null,
				decision_id: null,
				case_id: first,
				title: generated.referralOfCase(code.get(first)!),
				description: '',
				lead_organisation_id: demoId('org', 'shelter'),
				assignee_id: null,
				due_on: null,
				status: 'in_progress',
				closed_meeting_id: null,
				created_at: new Date(sentAt.getTime() + DAY),
				updated_at: new Date(sentAt.getTime() + 2 * DAY)
			})
			.execute();
		await db.updateTable('referral').set({ action_item_id: actionId }).where('id', '=', sheltered).execute();
		await db
			.insertInto('referral_update')
			.values([
				{ referral_id: sheltered, author_id: cdo, at: sentAt, kind: 'sent', text: '' },
				{ referral_id: sheltered, author_id: shelter, at: new Date(sentAt.getTime() + DAY), kind: 'accepted', text: 'รับเข้าบ้านพักได้ตั้งแต่วันพรุ่งนี้' },
				{ referral_id: sheltered, author_id: shelter, at: new Date(sentAt.getTime() + 2 * DAY), kind: 'started', text: '' }
			])
			.execute();
		await db
			.insertInto('action_update')
			.values([
				{
					action_item_id: actionId,
					author_id: shelter,
					at: new Date(sentAt.getTime() + DAY),
					kind: 'created',
					text: '',
					meeting_id: null,
					detail: JSON.stringify({ referral: sheltered })
				},
				{ action_item_id: actionId, author_id: shelter, at: new Date(sentAt.getTime() + 2 * DAY), kind: 'started', text: '', meeting_id: null, detail: null }
			])
			.execute();
	}

	const labour = await db
		.insertInto('referral')
		.values({
			id: demoId('referral', 'c2:labour'),
			body_id: bodyId,
			case_id: second,
			intake_report_id: null,
			decision_id: null,
			from_organisation_id: demoId('org', 'dkt-cdo'),
			to_organisation_id: demoId('org', 'dkt-labour'),
			to_body_id: null,
			reason: 'ตรวจสอบนายจ้างและสัญญาจ้าง และช่วยเรียกร้องค่าจ้างค้างจ่าย',
			urgency: 'routine',
			shared: 'รหัสกรณี ประเภทงาน ชื่อสถานประกอบการ',
			consent: 'given',
			consent_note: '',
			status: 'sent',
			declined_reason: null,
			outcome: null,
			action_item_id: null,
			created_by: cdo,
			created_at: new Date(now.getTime() - 3 * DAY),
			updated_at: new Date(now.getTime() - 3 * DAY)
		})
		.onConflict((oc) => oc.doNothing())
		.executeTakeFirst();
	if (Number(labour.numInsertedOrUpdatedRows ?? 0) > 0) {
		inserted++;
		await db
			.insertInto('referral_update')
			.values({ referral_id: demoId('referral', 'c2:labour'), author_id: cdo, at: new Date(now.getTime() - 3 * DAY), kind: 'sent', text: '' })
			.execute();
	}
	return inserted;
}
