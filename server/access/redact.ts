import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import * as m from '../../src/lib/paraglide/messages';
import { getLocale } from '../../src/lib/paraglide/runtime';
import { teamCaseIds } from '../membership/case-team';

/**
 * What a case's work looks like to someone outside its team: its actions,
 * decisions and conferences stay in every list, board and log, but say only
 * the case's code and the organisation responsible ("case DKT-2569-014:
 * action for the district hospital"). Their text, descriptions and history
 * entries are left out. Lists that cannot know their reader (minutes, shared
 * meeting documents) pass `null`, which sees no case.
 */

export interface CaseLens {
	/** The code of a case the reader may not see, or null when there is nothing to hide. */
	hidden(caseId: string | null | undefined): string | null;
}

const NOBODY: CaseLens = { hidden: () => null };

/** The lens for a reader over the given cases; codes are looked up only for cases the reader is not on. */
export async function caseLens(db: Kysely<DB>, viewerId: string | null, caseIds: Iterable<string | null | undefined>): Promise<CaseLens> {
	const ids = [...new Set([...caseIds].filter((c): c is string => !!c))];
	if (!ids.length) return NOBODY;
	const visible = viewerId ? await teamCaseIds(db, viewerId) : new Set<string>();
	const hide = ids.filter((id) => !visible.has(id));
	if (!hide.length) return NOBODY;
	const rows = await db.selectFrom('case_file').select(['id', 'code']).where('id', 'in', hide).execute();
	const codes = new Map(rows.map((r) => [r.id, r.code]));
	return { hidden: (caseId) => (caseId ? (codes.get(caseId) ?? null) : null) };
}

/** Case ids of action items, for lists whose rows do not carry them. */
export async function actionCases(db: Kysely<DB>, actionIds: string[]): Promise<Map<string, string>> {
	if (!actionIds.length) return new Map();
	const rows = await db.selectFrom('action_item').select(['id', 'case_id']).where('id', 'in', actionIds).where('case_id', 'is not', null).execute();
	return new Map(rows.map((r) => [r.id, r.case_id!]));
}

const organisationName = (r: { lead_th?: string | null; lead_en?: string | null; lead?: string | null }) =>
	(getLocale() === 'en' ? r.lead_en || r.lead_th : r.lead_th) ?? r.lead ?? '';

export type Redacted<T> = T & { caseCode: string | null };

/**
 * Action rows as this reader may see them. `clear` names the row's free-text
 * fields, emptied when the case is hidden; `title` becomes the neutral line.
 */
export async function redactActions<
	T extends { id: string; title: string; case_id?: string | null; lead_th?: string | null; lead_en?: string | null; lead?: string | null }
>(db: Kysely<DB>, viewerId: string | null, rows: T[], clear: (keyof T)[] = []): Promise<Redacted<T>[]> {
	// Rows that carry their case need no second look-up (the boards read it from their covering index).
	const cases = rows.every((r) => r.case_id !== undefined)
		? new Map(rows.filter((r) => r.case_id).map((r) => [r.id, r.case_id!]))
		: await actionCases(
				db,
				rows.map((r) => r.id)
			);
	const lens = await caseLens(db, viewerId, cases.values());
	return rows.map((r) => {
		const code = lens.hidden(cases.get(r.id));
		if (!code) return { ...r, caseCode: null };
		const out: T = { ...r, title: m.redacted_action({ code, organisation: organisationName(r) }) };
		for (const key of clear) (out as Record<keyof T, unknown>)[key] = typeof r[key] === 'string' ? '' : null;
		return { ...out, caseCode: code };
	});
}

/** History entries of hidden cases keep their kind, author and time, not their text. */
export function redactHistory<T extends { action_item_id: string; text: string; detail?: unknown }>(history: T[], hiddenActionIds: Set<string>): T[] {
	return history.map((h) => (hiddenActionIds.has(h.action_item_id) ? { ...h, text: '', detail: null } : h));
}

/** Decision rows as this reader may see them: a hidden case's decision says only its code. */
export async function redactDecisions<T extends { id: string; text: string }>(db: Kysely<DB>, viewerId: string | null, rows: T[]): Promise<Redacted<T>[]> {
	if (!rows.length) return [];
	const withCase = await db
		.selectFrom('decision')
		.select(['id', 'case_id'])
		.where(
			'id',
			'in',
			rows.map((r) => r.id)
		)
		.where('case_id', 'is not', null)
		.execute();
	const cases = new Map(withCase.map((r) => [r.id, r.case_id!]));
	const lens = await caseLens(db, viewerId, cases.values());
	return rows.map((r) => {
		const code = lens.hidden(cases.get(r.id));
		return code ? { ...r, text: m.redacted_decision({ code }), caseCode: code } : { ...r, caseCode: null };
	});
}

/** A case conference's title as this reader may see it. */
export function meetingTitle(title: string, hiddenCode: string | null): string {
	return hiddenCode ? m.redacted_meeting({ code: hiddenCode }) : title;
}
