import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** `membership` itself, or the alias a query gives it. */
type MembershipTable = 'membership' | 'm' | 'team_seat';

const column = (table: MembershipTable, name: string) => sql.ref(`${table}.${name}`);

/** The seat is held on `date` (`YYYY-MM-DD`): from its start date through its end date, inclusive. */
export function seatHeldOn(date: string, table: MembershipTable = 'membership'): RawBuilder<SqlBool> {
	const endsOn = column(table, 'ends_on');
	return sql<SqlBool>`(${column(table, 'starts_on')} <= ${date} and (${endsOn} is null or ${endsOn} >= ${date}))`;
}

/** The user sits in the seat, or stands in for its holder as the alternate. */
export function seatOf(userId: string, table: MembershipTable = 'membership'): RawBuilder<SqlBool> {
	return sql<SqlBool>`(${column(table, 'user_id')} = ${userId} or ${column(table, 'alternate_user_id')} = ${userId})`;
}
