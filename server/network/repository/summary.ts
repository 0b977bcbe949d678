import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface NetworkSummary {
	bodies: number;
	organisations: number;
	meetings: number;
}

/** Public counts of the network: no names, nothing confidential. */
export async function getNetworkSummary(db: Kysely<DB>): Promise<NetworkSummary> {
	const row = await db
		.selectNoFrom((eb) => [
			eb.selectFrom('body').select(eb.fn.countAll<number>().as('n')).where('kind', '!=', 'case_team').as('bodies'),
			eb.selectFrom('organisation').select(eb.fn.countAll<number>().as('n')).where('active', '=', true).as('organisations'),
			eb.selectFrom('meeting').select(eb.fn.countAll<number>().as('n')).where('status', '!=', 'cancelled').as('meetings')
		])
		.executeTakeFirstOrThrow();
	return { bodies: Number(row.bodies), organisations: Number(row.organisations), meetings: Number(row.meetings) };
}
