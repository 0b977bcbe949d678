import type { Insertable, Updateable } from 'kysely';
import type { DB, Role } from '../db/schema';
import type { Entity } from './columns';

export type Verdict = 'create' | 'update' | 'unchanged' | 'refused';

/** Why a row cannot be taken: a code the page words in Thai and English, the column, and the value or row it names. */
export interface Reason {
	code: string;
	column?: string;
	detail?: string;
}

export interface RowVerdict {
	entity: Entity;
	row: number;
	verdict: Verdict;
	label: string;
	reasons: Reason[];
	changes: string[];
}

/** A current seat on a body the file speaks of that the file does not list. */
export interface MissingSeat {
	membershipId: string;
	bodyId: string;
	body: string;
	userId: string;
	person: string;
	organisation: string;
	role: Role;
	startsOn: string;
	/** Someone the file seats on the same body for the same organisation and role: ending hands the seat over to them. */
	successor: { userId: string; name: string; seatId: string } | null;
}

export type Counts = Record<Entity, Record<Verdict, number>>;

export interface Plan {
	rows: RowVerdict[];
	organisations: { create: Insertable<DB['organisation']>[]; update: { id: string; set: Updateable<DB['organisation']> }[] };
	/** New bodies, parents before their children. */
	bodies: { create: Insertable<DB['body']>[]; update: { id: string; set: Updateable<DB['body']> }[] };
	users: { create: Insertable<DB['app_user']>[]; update: { id: string; set: Updateable<DB['app_user']> }[] };
	seats: { create: Insertable<DB['membership']>[]; update: { id: string; set: Updateable<DB['membership']> }[] };
	/** Existing people whose seats the import adds or changes: their open sockets re-check access. */
	touchedUsers: string[];
	missing: MissingSeat[];
	counts: Counts;
}

export const refuse = (code: string, column?: string, detail?: string): Reason => ({ code, column, detail });
