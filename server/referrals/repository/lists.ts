import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { decisionText, meetingTitle, type Reader } from '../../access/redact';
import type { ReferralStatus } from '../../db/schema-cases';

/**
 * Referral rows with the names a page shows. The case appears only as its
 * code: identifying details live in `case_identity`, which is never joined.
 */
export function listQuery(db: Kysely<DB>) {
	return (
		db
			.selectFrom('referral as r')
			.innerJoin('body as b', 'b.id', 'r.body_id')
			.innerJoin('organisation as fo', 'fo.id', 'r.from_organisation_id')
			.leftJoin('organisation as tor', 'tor.id', 'r.to_organisation_id')
			.leftJoin('body as tb', 'tb.id', 'r.to_body_id')
			.leftJoin('case_file as c', 'c.id', 'r.case_id')
			.select([
				'r.id',
				'r.status',
				'r.urgency',
				'r.reason',
				'r.created_at',
				'r.updated_at',
				'r.body_id',
				'r.case_id',
				'r.to_organisation_id',
				'r.to_body_id',
				'r.action_item_id',
				'b.name_th as body_th',
				'b.name_en as body_en',
				'fo.name_th as from_th',
				'fo.name_en as from_en',
				'fo.short_name as from_short',
				'tor.name_th as to_org_th',
				'tor.name_en as to_org_en',
				'tor.short_name as to_org_short',
				'tb.name_th as to_body_th',
				'tb.name_en as to_body_en',
				'c.code as case_code'
			])
			// Waiting ones first, the most urgent first, then the newest.
			.orderBy(sql`case r.status when 'sent' then 0 when 'accepted' then 1 when 'in_progress' then 1 else 2 end`)
			.orderBy(sql`case r.urgency when 'emergency' then 0 when 'urgent' then 1 else 2 end`)
			.orderBy('r.created_at', 'desc')
			.limit(500)
	);
}

export type ReferralRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

/** Only referrals in these states; every state when `statuses` is null. */
function inStates<Q extends ReturnType<typeof listQuery>>(q: Q, statuses: readonly ReferralStatus[] | null): Q {
	if (!statuses) return q;
	return q.where('r.status', 'in', statuses) as Q;
}

/** Referrals to these organisations and escalations to these bodies (either list may be empty, not both). */
export function incoming(
	db: Kysely<DB>,
	to: { organisations: string[]; bodies: string[] },
	statuses: readonly ReferralStatus[] | null
): Promise<ReferralRow[]> {
	const q = listQuery(db).where((eb) =>
		eb.or([
			...(to.organisations.length ? [eb('r.to_organisation_id', 'in', to.organisations)] : []),
			...(to.bodies.length ? [eb('r.to_body_id', 'in', to.bodies)] : [])
		])
	);
	return inStates(q, statuses).execute();
}

/**
 * Referrals without a case made from these bodies, and referrals of these
 * cases (either list may be empty, not both); only those of `bodyId` when given.
 */
export function outgoing(
	db: Kysely<DB>,
	from: { bodies: string[]; cases: string[]; bodyId?: string },
	statuses: readonly ReferralStatus[] | null
): Promise<ReferralRow[]> {
	let q = listQuery(db).where((eb) =>
		eb.or([
			...(from.bodies.length ? [eb.and([eb('r.case_id', 'is', null), eb('r.body_id', 'in', from.bodies)])] : []),
			...(from.cases.length ? [eb('r.case_id', 'in', from.cases)] : [])
		])
	);
	if (from.bodyId) q = q.where('r.body_id', '=', from.bodyId);
	return inStates(q, statuses).execute();
}

/** Every referral of a case. */
export function ofCase(db: Kysely<DB>, caseId: string): Promise<ReferralRow[]> {
	return listQuery(db).where('r.case_id', '=', caseId).execute();
}

/** One referral with every name its page shows, and the decision it carries out as the reader may read it. */
export function getDetailed(db: Kysely<DB>, reader: Reader, id: string) {
	return listQuery(db)
		.clearOrderBy()
		.clearLimit()
		.leftJoin('decision as d', 'd.id', 'r.decision_id')
		.leftJoin('meeting as dm', 'dm.id', 'd.meeting_id')
		.leftJoin('intake_report as ir', 'ir.id', 'r.intake_report_id')
		.leftJoin('app_user as cb', 'cb.id', 'r.created_by')
		.select([
			'r.shared',
			'r.consent',
			'r.consent_note',
			'r.declined_reason',
			'r.outcome',
			'r.decision_id',
			'r.intake_report_id',
			'r.from_organisation_id',
			decisionText<string | null>(reader, 'd').as('decision_text'),
			'd.case_id as decision_case_id',
			'dm.id as decision_meeting_id',
			meetingTitle<string | null>(reader, 'dm').as('decision_meeting_title'),
			'dm.starts_at as decision_meeting_starts_at',
			'dm.body_id as decision_body_id',
			'ir.reference as intake_reference',
			'cb.display_name as created_by_name'
		])
		.where('r.id', '=', id)
		.executeTakeFirst();
}
