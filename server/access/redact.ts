import { sql, type RawBuilder, type SqlBool } from 'kysely';
import * as m from '../../src/lib/paraglide/messages';
import { getLocale, type Locale } from '../../src/lib/paraglide/runtime';
import { teamCasesOf } from '../membership/case-team';

/**
 * What a case's work looks like to someone outside its team: its actions,
 * decisions and conferences stay in every list, board and log, but say only
 * the case's code and the organisation responsible ("case DKT-2569-014:
 * action for the district hospital"). Their descriptions and history entries
 * are blank.
 *
 * The rule is applied where the words are read, as SQL: a repository selects
 * a case's words only through these expressions, so the words of a case the
 * reader is not on the team of never leave the database, and a new list
 * cannot forget the rule (`server/layers.test.ts` fails on a repository that
 * selects them any other way).
 */

/**
 * Whom a query reads for: a person (their id); the readers of one case's
 * conference, who share its minutes; or null, a view shared by several people.
 */
export type Reader = string | { case: string } | null;

/** A column of the query, as `alias.column`. */
type Column = `${string}.${string}`;

export interface ReadOptions {
	now?: Date;
	/** The language of the neutral lines; the request's own by default. */
	locale?: Locale;
}

// Placeholders for the neutral lines' parts, replaced in SQL; no message contains them.
const CODE = '\u0001';
const ORGANISATION = '\u0002';

/** SQL: the row is of no case, or of one the reader is on the team of: the reader may read its words, and find it by them. */
export function readsCase(reader: Reader, caseId: Column, now?: Date): RawBuilder<SqlBool> {
	const c = sql.ref(caseId);
	if (reader === null) return sql<SqlBool>`(${c} is null)`;
	if (typeof reader === 'object') return sql<SqlBool>`(${c} is null or ${c} = ${reader.case})`;
	return sql<SqlBool>`(${c} is null or ${c} = any(${teamCasesOf(reader, now)}))`;
}
const reads = readsCase;

const codeOf = (caseId: Column) => sql<string>`(select hidden_case.code from case_file hidden_case where hidden_case.id = ${sql.ref(caseId)})`;

/** SQL: the code of the row's case when the reader may not read its words, else null. */
export function hiddenCaseCode(reader: Reader, caseId: Column, o: ReadOptions = {}): RawBuilder<string | null> {
	return sql<string | null>`(case when ${reads(reader, caseId, o.now)} then null else ${codeOf(caseId)} end)`;
}

/** SQL: a case's free text (a description, a history entry, its detail), blank for a reader off its team. */
export function caseWords<T>(reader: Reader, caseId: Column, words: Column, blank: '' | null = '', o: ReadOptions = {}): RawBuilder<T> {
	return sql<T>`(case when ${reads(reader, caseId, o.now)} then ${sql.ref(words)} else ${blank === null ? sql`null` : sql`''`} end)`;
}

/** SQL: an action item's title (`alias` is the item's), or for a reader off its case's team the neutral line naming the code and the lead organisation. */
export function actionTitle(reader: Reader, alias: string, o: ReadOptions = {}): RawBuilder<string> {
	const locale = o.locale ?? getLocale();
	const line = m.redacted_action({ code: CODE, organisation: ORGANISATION }, { locale });
	const organisation = locale === 'en' ? sql`coalesce(nullif(hidden_lead.name_en, ''), hidden_lead.name_th)` : sql`hidden_lead.name_th`;
	const lead = sql`(select ${organisation} from organisation hidden_lead where hidden_lead.id = ${sql.ref(`${alias}.lead_organisation_id`)})`;
	return sql<string>`(case when ${reads(reader, `${alias}.case_id`, o.now)} then ${sql.ref(`${alias}.title`)}
		else replace(replace(${line}::text, ${CODE}::text, ${codeOf(`${alias}.case_id`)}), ${ORGANISATION}::text, coalesce(${lead}, '')) end)`;
}

/** An action item's title as the reader may read it and the code of its case when hidden: the pair every list of items selects. */
export function actionHeading(reader: Reader, alias: string, o: ReadOptions = {}) {
	return [actionTitle(reader, alias, o).as('title'), hiddenCaseCode(reader, `${alias}.case_id`, o).as('caseCode')] as const;
}

/** SQL: a decision's text, or for a reader off its case's team the neutral line with the code. */
export function decisionText<T extends string | null = string>(reader: Reader, alias: string, o: ReadOptions = {}): RawBuilder<T> {
	const line = m.redacted_decision({ code: CODE }, { locale: o.locale ?? getLocale() });
	return sql<T>`(case when ${reads(reader, `${alias}.case_id`, o.now)} then ${sql.ref(`${alias}.text`)}
		else replace(${line}::text, ${CODE}::text, ${codeOf(`${alias}.case_id`)}) end)`;
}

/** SQL: a meeting's title, or for a reader off the team of the case it conferred on, "case conference <code>". */
export function meetingTitle<T extends string | null = string>(reader: Reader, alias: string, o: ReadOptions = {}): RawBuilder<T> {
	const line = m.redacted_meeting({ code: CODE }, { locale: o.locale ?? getLocale() });
	return sql<T>`(case when ${reads(reader, `${alias}.case_id`, o.now)} then ${sql.ref(`${alias}.title`)}
		else replace(${line}::text, ${CODE}::text, ${codeOf(`${alias}.case_id`)}) end)`;
}
