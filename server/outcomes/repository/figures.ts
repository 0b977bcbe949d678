import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { CASE_CATEGORIES, CASE_STATUSES, type OutcomeFigures, type ReferralStatus } from '../../db/schema-cases';
import { INTAKE_CHANNELS, INTAKE_KINDS } from '../tables';
import { bangkokMidnight } from '../../../src/lib/calendar';

/**
 * The raw counts of one body's period, over the body and the bodies under it. Only counts leave these queries: no
 * text of a case, referral or report, and no person's name (organisations'
 * names are public). Dates are Bangkok dates; a timestamp belongs to the day
 * it falls on in Bangkok.
 */

const REFERRAL_STATUSES: ReferralStatus[] = ['sent', 'accepted', 'in_progress', 'declined', 'completed'];

const dayStart = (date: string) => bangkokMidnight(date);
const dayAfter = (date: string) => bangkokMidnight(date, 1);

function zeros(keys: readonly string[]): Record<string, number> {
	return Object.fromEntries(keys.map((k) => [k, 0]));
}

function tally(keys: readonly string[], rows: { key: string; n: number | string | bigint }[]): Record<string, number> {
	const out = zeros(keys);
	for (const r of rows) out[r.key] = (out[r.key] ?? 0) + Number(r.n);
	return out;
}

/** The body and every body under it: a district committee reports for its working group and volunteers too. */
async function subtree(db: Kysely<DB>, bodyId: string): Promise<string[]> {
	const rows = await sql<{ id: string }>`
		with recursive tree(id) as (
			select ${bodyId}::uuid
			union
			select b.id from body b join tree t on b.parent_id = t.id
		)
		select id from tree`.execute(db);
	return rows.rows.map((r) => r.id);
}

export async function computeFigures(db: Kysely<DB>, bodyId: string, periodStart: string, periodEnd: string): Promise<OutcomeFigures> {
	const bodies = await subtree(db, bodyId);
	const from = dayStart(periodStart);
	const to = dayAfter(periodEnd);

	const opened = await db
		.selectFrom('case_file')
		.select((eb) => ['category as key', eb.fn.countAll<string>().as('n')])
		.where('body_id', 'in', bodies)
		.where('opened_on', '>=', periodStart)
		.where('opened_on', '<=', periodEnd)
		.groupBy('category')
		.execute();

	// Open at some time in the period: opened by its end, not closed before its start.
	const active = await db
		.selectFrom('case_file')
		.select((eb) => ['status as key', eb.fn.countAll<string>().as('n')])
		.where('body_id', 'in', bodies)
		.where('opened_on', '<=', periodEnd)
		.where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', periodStart), eb('opened_on', '>=', periodStart)]))
		.groupBy('status')
		.execute();

	const referrals = await db
		.selectFrom('referral')
		.select((eb) => ['status as key', eb.fn.countAll<string>().as('n')])
		.where('body_id', 'in', bodies)
		.where('created_at', '>=', from)
		.where('created_at', '<', to)
		.groupBy('status')
		.execute();
	const referralsByStatus = tally(REFERRAL_STATUSES, referrals);

	// Items due in the period or decided in it; dropped items were withdrawn and count for no one.
	const actions = await db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.select((eb) => [
			'o.id as organisationId',
			'o.name_th',
			'o.name_en',
			eb.fn.countAll<string>().as('total'),
			sql<string>`count(*) filter (where a.status = 'closed')`.as('closed')
		])
		.where('a.body_id', 'in', bodies)
		.where('a.status', '<>', 'dropped')
		.where((eb) =>
			eb.or([
				eb.and([eb('a.due_on', '>=', periodStart), eb('a.due_on', '<=', periodEnd)]),
				eb.and([eb('a.created_at', '>=', from), eb('a.created_at', '<', to)])
			])
		)
		.groupBy(['o.id', 'o.name_th', 'o.name_en'])
		.orderBy('o.name_th')
		.execute();

	const intake = await db
		.selectFrom('intake_report')
		.select((eb) => ['channel', 'kind', eb.fn.countAll<string>().as('n')])
		.where('body_id', 'in', bodies)
		.where('created_at', '>=', from)
		.where('created_at', '<', to)
		.groupBy(['channel', 'kind'])
		.execute();

	const casesByCategory = tally(CASE_CATEGORIES, opened);
	return {
		casesByCategory,
		casesByStatus: tally(CASE_STATUSES, active),
		casesOpened: Object.values(casesByCategory).reduce((a, b) => a + b, 0),
		referralsByStatus,
		referralOutcomes: {
			completed: referralsByStatus.completed!,
			declined: referralsByStatus.declined!,
			pending: referralsByStatus.sent! + referralsByStatus.accepted! + referralsByStatus.in_progress!
		},
		actionsByOrganisation: actions.map((a) => ({
			organisationId: a.organisationId,
			name_th: a.name_th,
			name_en: a.name_en,
			total: Number(a.total),
			closed: Number(a.closed)
		})),
		intakeByChannel: tally(
			INTAKE_CHANNELS,
			intake.map((r) => ({ key: r.channel, n: r.n }))
		),
		intakeByKind: tally(
			INTAKE_KINDS,
			intake.map((r) => ({ key: r.kind, n: r.n }))
		)
	};
}
