import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** SQL of the home's intake queues; no access checks here. */

/** How many new reports wait for triage at each of these bodies that has any. */
export function newReportCountsByBody(db: Kysely<DB>, bodyIds: string[]) {
	return db
		.selectFrom('intake_report')
		.select(['body_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('body_id', 'in', bodyIds)
		.where('status', '=', 'new')
		.groupBy('body_id')
		.execute();
}
