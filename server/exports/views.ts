import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { m } from '../../src/lib/paraglide/messages';
import type { Locale } from '../../src/lib/paraglide/runtime';
import { pick } from '../../src/lib/labels';
import type { Actor } from '../access';
import { browseAudit, type AuditQuery } from '../audit-service';
import type { DB } from '../db/schema';
import { representativeBoard } from '../followup/board';
import { searchDecisions, type DecisionSearch } from '../followup/decisions';
import * as field from '../validate';
import { dateOnly, type Sheet } from './sheet';

/**
 * Each view's sheet is built from what the page's own service returns (its
 * access check, filters and redaction included), so a spreadsheet never shows
 * more than the page.
 */

/** More rows than any real log holds in a year; an export stops there rather than running on. */
export const MAX_ROWS = 20_000;

const statusLabel = (status: string, locale: Locale) => {
	const labels: Record<string, (i: undefined, o: { locale: Locale }) => string> = {
		open: m.status_open,
		in_progress: m.status_in_progress,
		awaiting_report: m.status_awaiting_report,
		closed: m.status_closed,
		dropped: m.status_dropped
	};
	return labels[status]?.(undefined, { locale }) ?? status;
};

/** A body filter that does not parse is not applied. */
const BoardQuery = v.object({ body: field.lenient(field.uuid) });

/** The representative's board: open items and those finished lately, in the body filter the page has. */
export async function boardSheet(db: Kysely<DB>, actor: Actor | null, input: { body?: string | null }, locale: Locale, now = new Date()): Promise<Sheet> {
	const board = await representativeBoard(db, actor, { bodyId: field.parse(BoardQuery, input).values.body }, now);
	const o = { locale };
	return {
		name: `actions-${now.toISOString().slice(0, 10)}`,
		title: m.actions_title(undefined, o),
		columns: [
			{ header: m.export_col_status(undefined, o), width: 20 },
			{ header: m.export_col_action(undefined, o), width: 50 },
			{ header: m.export_col_body(undefined, o) },
			{ header: m.export_col_lead(undefined, o) },
			{ header: m.export_col_assignee(undefined, o), width: 22 },
			{ header: m.export_col_due(undefined, o), kind: 'date' },
			{ header: m.export_col_overdue(undefined, o), width: 10 },
			{ header: m.export_col_last_update(undefined, o), width: 50 },
			{ header: m.export_col_last_at(undefined, o), kind: 'datetime' }
		],
		rows: Object.values(board.groups).flatMap((rows) =>
			rows.map((r) => [
				statusLabel(r.status, locale),
				r.title,
				pick(r, 'body', locale),
				pick(r, 'lead', locale),
				r.assignee ?? null,
				dateOnly(r.due_on),
				r.overdue ? m.export_yes(undefined, o) : '',
				r.last_text ?? null,
				r.last_at ?? r.updated_at
			])
		)
	};
}

/** The decision log under the page's filters, every page of it. */
export async function decisionSheet(
	db: Kysely<DB>,
	actor: Actor | null,
	input: Record<string, string | null>,
	locale: Locale,
	now = new Date()
): Promise<Sheet> {
	const o = { locale };
	const rows: Sheet['rows'] = [];
	// The page's query names, as its links carry them.
	const search: DecisionSearch = { q: input.q, organisationId: input.organisation, bodyId: input.body, from: input.from, to: input.to };
	for (let page = 1; rows.length < MAX_ROWS; page++) {
		const found = await searchDecisions(db, actor, { ...search, page: String(page) }, now);
		for (const d of found.decisions) {
			const names = (responsibility: string) =>
				d.organisations
					.filter((x) => x.responsibility === responsibility)
					.map((x) => pick(x, 'name', locale))
					.join(', ');
			rows.push([d.text, d.meeting_title, d.meeting_starts_at, pick(d, 'body', locale), names('lead'), names('supporting'), d.actions, d.finished]);
		}
		if (!found.more) break;
	}
	return {
		name: `decisions-${now.toISOString().slice(0, 10)}`,
		title: m.decisions_title(undefined, o),
		columns: [
			{ header: m.export_col_decision(undefined, o), width: 60 },
			{ header: m.export_col_meeting(undefined, o), width: 40 },
			{ header: m.export_col_meeting_date(undefined, o), kind: 'datetime' },
			{ header: m.export_col_body(undefined, o) },
			{ header: m.export_col_lead(undefined, o) },
			{ header: m.export_col_supporting(undefined, o) },
			{ header: m.export_col_actions(undefined, o), kind: 'number' },
			{ header: m.export_col_finished(undefined, o), kind: 'number' }
		],
		rows: rows.slice(0, MAX_ROWS)
	};
}

/** The audit log under the browser's filters, newest first, following its pages. */
export async function auditSheet(db: Kysely<DB>, actor: Actor | null, input: AuditQuery, locale: Locale, now = new Date()): Promise<Sheet> {
	const o = { locale };
	const rows: Sheet['rows'] = [];
	let before: string | null = input.before ?? null;
	while (rows.length < MAX_ROWS) {
		const found = await browseAudit(db, actor, { ...input, before });
		for (const e of found.events) {
			rows.push([
				e.at,
				e.action,
				e.outcome,
				e.actor_username ?? null,
				e.actor_name ?? null,
				[e.target_type, e.target_id].filter(Boolean).join(' ') || null,
				e.client_address ?? null,
				e.detail ? JSON.stringify(e.detail) : null
			]);
		}
		if (!found.nextBefore) break;
		before = String(found.nextBefore);
	}
	return {
		name: `audit-${now.toISOString().slice(0, 10)}`,
		title: m.audit_title(undefined, o),
		columns: [
			{ header: m.audit_time(undefined, o), kind: 'datetime' },
			{ header: m.audit_action(undefined, o), width: 24 },
			{ header: m.audit_outcome(undefined, o), width: 10 },
			{ header: m.audit_actor(undefined, o), width: 16 },
			{ header: m.audit_actor(undefined, o), width: 24 },
			{ header: m.audit_target(undefined, o), width: 44 },
			{ header: m.audit_address(undefined, o), width: 16 },
			{ header: m.export_col_detail(undefined, o), width: 60 }
		],
		rows: rows.slice(0, MAX_ROWS)
	};
}
