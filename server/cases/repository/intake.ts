import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** The SQL of the intake reports a case is opened from. Callers have checked access; nothing here audits. */

/** A report's body and status, what opening a case from it decides by. */
export function intakeReportHead(db: Kysely<DB>, reportId: string) {
	return db.selectFrom('intake_report').select(['id', 'body_id', 'status']).where('id', '=', reportId).executeTakeFirst();
}

/** One of the body's reports as the opening form shows it; its contact details stay in the queue. */
export function intakeReportOfBody(db: Kysely<DB>, bodyId: string, reportId: string) {
	return db
		.selectFrom('intake_report')
		.select(['id', 'reference', 'kind', 'channel', 'message', 'location', 'status', 'created_at'])
		.where('id', '=', reportId)
		.where('body_id', '=', bodyId)
		.executeTakeFirst();
}

/** Triages a report still waiting (new or on an agenda) into the case; undefined when it no longer waits. */
export function markCaseOpened(db: Kysely<DB>, reportId: string, caseId: string, by: string, at: Date) {
	return db
		.updateTable('intake_report')
		.set({ status: 'case_opened', case_id: caseId, triaged_by: by, triaged_at: at })
		.where('id', '=', reportId)
		.where('status', 'in', ['new', 'on_agenda'])
		.returning('id')
		.executeTakeFirst();
}
