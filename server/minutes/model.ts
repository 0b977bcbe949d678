import type { Locale } from '../../src/lib/paraglide/runtime';
import { dateFormat, formatDate, TIME_ZONE } from '../../src/lib/format';
import { quorum } from '../../src/lib/meeting-doc/quorum';
import type { Standing } from '../db/schema-meeting';
import type { MinutesFacts } from './facts';
import type { PMNode } from '../rich-text/prosemirror';
import { bangkokAt, toBuddhistYear } from '../../src/lib/calendar';

/**
 * The minutes of a held meeting as data, built by a pure function from what
 * SQL knows (facts.ts) and the notes of the live document. The draft document,
 * and through it every export, is made from this.
 */

/** An organisation as the minutes name it, with the person who sat for it. */
export interface Party {
	organisation: string;
	person: string | null;
	/** Why they were absent (ติดราชการ …), for apologies and absences; null when none was recorded. */
	reason: string | null;
}
/** Someone who attended without being a member: a guest, staff. */
export interface GuestLine {
	name: string;
	position: string;
	organisation: string;
}
export interface DecisionLine {
	text: string;
	lead: string[];
	supporting: string[];
}
export interface ActionLine {
	title: string;
	lead: string;
	supporting: string[];
	representative: string | null;
	due: string | null;
}
/** One action item followed up at this meeting: what was reported, and whether the meeting accepted it. */
export interface ReportBackLine {
	action: string;
	organisation: string;
	reports: string[];
	accepted: boolean;
}
export interface ApprovalLine {
	number: string;
	amendments: string | null;
}
/** Marks a section only the case team may read: it never enters the shared draft and is left out for other readers. */
export interface Confidential {
	caseId: string;
}
export interface Section {
	id: string;
	number: number;
	title: string;
	standing: Standing | null;
	notes: PMNode[];
	decisions: DecisionLine[];
	reportBacks: ReportBackLine[];
	approvals: ApprovalLine[];
	confidential: Confidential | null;
}
export interface MinutesModel {
	locale: Locale;
	body: string;
	title: string;
	/** The case a case conference is about, by its code; null for the body's own meetings. */
	caseCode: string | null;
	/** "3/2569": the meeting's number in its year (within the case for a case conference), the year in the Buddhist era for Thai. */
	number: string;
	date: string;
	place: string | null;
	onlineUrl: string | null;
	opened: string | null;
	closed: string | null;
	attendance: Record<'present' | 'alternate' | 'apologies' | 'absent' | 'notRecorded', Party[]>;
	/** ผู้เข้าร่วมประชุม: people who attended without being members, in the meeting's order. */
	guests: GuestLine[];
	/** `recorded` is false when no attendance was taken: then nothing can be said of the quorum. */
	quorum: { rule: string; needed: number; attending: number; total: number; met: boolean; recorded: boolean };
	sections: Section[];
	/** Decisions not tied to any agenda item. */
	otherDecisions: DecisionLine[];
	actions: ActionLine[];
	/** Report-backs when the agenda has no standing follow-up item to hold them. */
	reportBacks: ReportBackLine[];
	/** Approvals of earlier minutes when the agenda has no standing minutes item to hold them. */
	approvals: ApprovalLine[];
	recorder: string | null;
	approver: string | null;
	/** Nothing was recorded: no attendance, notes, decisions, actions or report-backs. */
	empty: boolean;
}

type Named = { org_th: string; org_en: string };
const nameOf = (row: Named, locale: Locale) => (locale === 'en' ? row.org_en || row.org_th : row.org_th || row.org_en);

/** "3/2569" in Thai, "3/2026" in English. */
export function sequenceLabel(sequence: { number: number; year: number }, locale: Locale): string {
	return `${sequence.number}/${locale === 'th' ? toBuddhistYear(sequence.year) : sequence.year}`;
}

/** Clock time in Bangkok: "09.00" in Thai (as Thai documents write it), "09:00" in English. */
export function clock(at: Date, locale: Locale): string {
	const t = dateFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: TIME_ZONE }).format(at);
	return locale === 'th' ? t.replace(':', '.') : t;
}

const hasText = (nodes: PMNode[]): boolean => nodes.some((n) => (n.type === 'text' && !!n.text?.trim()) || hasText(n.content ?? []));

export function buildModel(facts: MinutesFacts, notes: ReadonlyMap<string, PMNode[]>, locale: Locale): MinutesModel {
	const { meeting, body, seats, attendance } = facts;
	const seatOf = new Map<string, (typeof seats)[number]>();
	for (const s of seats) {
		const known = seatOf.get(s.organisation_id);
		if (!known || (known.role === 'observer' && s.role !== 'observer')) seatOf.set(s.organisation_id, s);
	}
	const parties: MinutesModel['attendance'] = { present: [], alternate: [], apologies: [], absent: [], notRecorded: [] };
	for (const a of attendance) {
		const seat = seatOf.get(a.organisation_id);
		const person = a.status === 'alternate' ? (seat?.alternate ?? null) : (seat?.person ?? null);
		const absent = a.status === 'apologies' || a.status === 'absent';
		parties[a.status].push({ organisation: nameOf(a, locale), person, reason: absent ? a.reason?.trim() || null : null });
	}
	const recorded = new Set(attendance.map((a) => a.organisation_id));
	for (const [orgId, seat] of seatOf)
		if (!recorded.has(orgId)) parties.notRecorded.push({ organisation: nameOf(seat, locale), person: seat.person, reason: null });
	for (const list of Object.values(parties)) list.sort((a, b) => a.organisation.localeCompare(b.organisation, locale));

	const voting = new Set([...seatOf.values()].filter((s) => s.role !== 'observer').map((s) => s.organisation_id));
	const attending = attendance.filter((a) => voting.has(a.organisation_id) && (a.status === 'present' || a.status === 'alternate')).length;
	const q = quorum(body.quorum_rule, voting.size, attending);

	const sorted = (list: string[]) => list.sort((a, b) => a.localeCompare(b, locale));
	const orgsOf = (id: string, responsibility: 'lead' | 'supporting') =>
		sorted(facts.decisionOrgs.filter((o) => o.decision_id === id && o.responsibility === responsibility).map((o) => nameOf(o, locale)));
	const decisionLine = (d: MinutesFacts['decisions'][number]): DecisionLine => ({
		text: d.text,
		lead: orgsOf(d.id, 'lead'),
		supporting: orgsOf(d.id, 'supporting')
	});
	const byAction = new Map<string, ReportBackLine>();
	for (const r of facts.reportBacks) {
		const line = byAction.get(r.action_id) ?? {
			action: r.title,
			organisation: locale === 'en' ? r.lead_en || r.lead_th : r.lead_th,
			reports: [],
			accepted: false
		};
		if (r.kind === 'accepted') line.accepted = true;
		else if (r.text.trim()) line.reports.push(r.text.trim());
		byAction.set(r.action_id, line);
	}
	const reportBacks = [...byAction.values()];
	const approvals: ApprovalLine[] = facts.approvals.map((a) => ({ number: sequenceLabel(a.sequence, locale), amendments: a.amendments }));
	const followupItem = facts.agenda.find((a) => a.standing === 'followup');
	const minutesItem = facts.agenda.find((a) => a.standing === 'minutes');
	const itemIds = new Set(facts.agenda.map((a) => a.id));

	const sections: Section[] = facts.agenda.map((item, i) => ({
		id: item.id,
		number: i + 1,
		title: item.title,
		standing: item.standing,
		notes: notes.get(item.id) ?? [],
		decisions: facts.decisions.filter((d) => d.agenda_item_id === item.id).map(decisionLine),
		reportBacks: item === followupItem ? reportBacks : [],
		approvals: item === minutesItem ? approvals : [],
		confidential: null
	}));
	const otherDecisions = facts.decisions.filter((d) => !d.agenda_item_id || !itemIds.has(d.agenda_item_id)).map(decisionLine);
	const actions: ActionLine[] = facts.actions.map((a) => ({
		title: a.title,
		lead: locale === 'en' ? a.lead_en || a.lead_th : a.lead_th,
		supporting: sorted(facts.actionOrgs.filter((o) => o.action_item_id === a.id).map((o) => nameOf(o, locale))),
		representative: a.representative,
		due: a.due_on ? formatDate(bangkokAt(a.due_on, '12:00'), locale) : null
	}));
	const holder = (role: string) => seats.find((s) => s.role === role)?.person ?? null;
	const empty =
		!attendance.length &&
		!facts.guests.length &&
		!facts.decisions.length &&
		!facts.actions.length &&
		!facts.reportBacks.length &&
		!approvals.length &&
		![...notes.values()].some(hasText);

	return {
		locale,
		body: locale === 'en' ? body.name_en || body.name_th : body.name_th,
		title: meeting.title,
		caseCode: facts.caseCode,
		number: sequenceLabel(facts.sequence, locale),
		date: formatDate(meeting.starts_at, locale),
		place: meeting.place,
		onlineUrl: meeting.online_url,
		opened: clock(meeting.started_at ?? meeting.starts_at, locale),
		closed: (meeting.closed_at ?? meeting.ends_at) ? clock((meeting.closed_at ?? meeting.ends_at)!, locale) : null,
		attendance: parties,
		guests: facts.guests.map((g) => ({ name: g.name, position: g.position, organisation: g.organisation })),
		quorum: { rule: body.quorum_rule, ...q, recorded: attendance.length > 0 },
		sections,
		otherDecisions,
		actions,
		reportBacks: followupItem ? [] : reportBacks,
		approvals: minutesItem ? [] : approvals,
		recorder: holder('secretary'),
		approver: holder('chair'),
		empty
	};
}

/**
 * The minutes as one reader may see them: confidential sections are left out
 * unless `onCaseTeam` says the reader is on that case's team.
 */
export function forReader(model: MinutesModel, onCaseTeam: (c: Confidential) => boolean): MinutesModel {
	return { ...model, sections: model.sections.filter((s) => !s.confidential || onCaseTeam(s.confidential)) };
}
