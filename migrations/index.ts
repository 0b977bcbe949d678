import type { Migration } from 'kysely';
import * as network from './20261128T0000_network';
import * as auth from './20261128T0100_auth';
import * as followup from './20261128T0150_followup';

/**
 * Every migration, by its timestamped name. Listed statically so the same list
 * serves the bundled server, the scripts and the tests.
 */
export const migrations: Record<string, Migration> = {
	'20261128T0000_network': network,
	'20261128T0100_auth': auth,
	'20261128T0150_followup': followup
};
