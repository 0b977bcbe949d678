import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CaseTeamProposalTable } from '../../db/schema-cases';
import { OPEN_STATUSES } from '../../db/schema-followup';

/**
 * The SQL of successors proposed to case teams, and of the case items that
 * wait for them. Callers have checked access; nothing here audits.
 */

/**
 * Supersedes the pending proposals, on the teams of a body's cases, of a
 * seat's holder for its organisation; returns each one's case and waiting items.
 */
export function supersedePendingProposals(db: Kysely<DB>, h: { bodyId: string; organisationId: string; fromUserId: string; by: string; at: Date }) {
	return db
		.updateTable('case_team_proposal as p')
		.set({ status: 'superseded', decided_by: h.by, decided_at: h.at })
		.from('case_file as c')
		.whereRef('c.id', '=', 'p.case_id')
		.where('c.body_id', '=', h.bodyId)
		.where('p.user_id', '=', h.fromUserId)
		.where('p.organisation_id', '=', h.organisationId)
		.where('p.status', '=', 'pending')
		.returning(['p.case_id', 'p.waiting'])
		.execute();
}

/** Unassigns a user's open items of a body's cases; returns each item and its case. */
export function unassignOpenCaseItems(db: Kysely<DB>, bodyId: string, userId: string, at: Date) {
	return db
		.updateTable('action_item')
		.set({ assignee_id: null, updated_at: at })
		.where('body_id', '=', bodyId)
		.where('case_id', 'is not', null)
		.where('assignee_id', '=', userId)
		.where('status', 'in', OPEN_STATUSES)
		.returning(['id', 'case_id'])
		.execute();
}

/** Gives a successor the items of the case that waited for them, those still open and unassigned; returns those given. */
export function assignWaitingItems(db: Kysely<DB>, caseId: string, itemIds: string[], userId: string, at: Date) {
	return db
		.updateTable('action_item')
		.set({ assignee_id: userId, updated_at: at })
		.where('id', 'in', itemIds)
		.where('case_id', '=', caseId)
		.where('assignee_id', 'is', null)
		.where('status', 'in', OPEN_STATUSES)
		.returning('id')
		.execute();
}

/** A `handed_over` entry in the history of each item. */
export async function recordItemsHandedOver(
	db: Kysely<DB>,
	entries: { actionItemId: string; authorId: string; at: Date; text: string; detail: Record<string, unknown> }[]
): Promise<void> {
	await db
		.insertInto('action_update')
		.values(
			entries.map((e) => ({
				action_item_id: e.actionItemId,
				author_id: e.authorId,
				at: e.at,
				kind: 'handed_over' as const,
				text: e.text,
				meeting_id: null,
				detail: JSON.stringify(e.detail)
			}))
		)
		.execute();
}

/** The pending proposal of a user to a case team, if there is one. */
export function pendingProposalTo(db: Kysely<DB>, caseId: string, userId: string) {
	return db
		.selectFrom('case_team_proposal')
		.select(['id', 'waiting'])
		.where('case_id', '=', caseId)
		.where('user_id', '=', userId)
		.where('status', '=', 'pending')
		.executeTakeFirst();
}

export async function setWaitingItems(db: Kysely<DB>, proposalId: string, itemIds: string[]): Promise<void> {
	await db
		.updateTable('case_team_proposal')
		.set({ waiting: JSON.stringify(itemIds) })
		.where('id', '=', proposalId)
		.execute();
}

export async function insertProposal(db: Kysely<DB>, proposal: Omit<Insertable<CaseTeamProposalTable>, 'waiting'> & { waiting: string[] }): Promise<string> {
	const row = await db
		.insertInto('case_team_proposal')
		.values({ ...proposal, waiting: JSON.stringify(proposal.waiting) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The proposals a case team has yet to answer, with who and for whom. */
export function pendingProposals(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_team_proposal as p')
		.innerJoin('app_user as u', 'u.id', 'p.user_id')
		.innerJoin('app_user as prev', 'prev.id', 'p.predecessor_id')
		.innerJoin('organisation as o', 'o.id', 'p.organisation_id')
		.leftJoin('app_user as by', 'by.id', 'p.proposed_by')
		.select([
			'p.id',
			'p.user_id',
			'u.display_name',
			'prev.display_name as predecessor',
			'o.name_th as org_th',
			'o.name_en as org_en',
			'o.short_name',
			'p.waiting',
			'p.proposed_at',
			'by.display_name as proposed_by'
		])
		.where('p.case_id', '=', caseId)
		.where('p.status', '=', 'pending')
		.orderBy('p.proposed_at')
		.execute();
}

/** One of the case's pending proposals. */
export function pendingProposal(db: Kysely<DB>, caseId: string, proposalId: string) {
	return db
		.selectFrom('case_team_proposal')
		.selectAll()
		.where('id', '=', proposalId)
		.where('case_id', '=', caseId)
		.where('status', '=', 'pending')
		.executeTakeFirst();
}

export async function decideProposal(db: Kysely<DB>, proposalId: string, status: 'accepted' | 'declined', by: string, at: Date): Promise<void> {
	await db.updateTable('case_team_proposal').set({ status, decided_by: by, decided_at: at }).where('id', '=', proposalId).execute();
}
