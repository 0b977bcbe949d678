import type { Locale } from '../../src/lib/paraglide/runtime';
import { dateFormat, formatDate, TIME_ZONE } from '../../src/lib/format';
import { quorum } from '../../src/lib/meeting-doc/quorum';
import type { Standing } from '../db/schema-meeting';
import type { MinutesFacts } from './repository/facts';
import type { PMNode } from '../rich-text/prosemirror';
import { bangkokAt, toBuddhistYear } from '../../src/lib/calendar';
import { formalName, positionNames } from '../../src/lib/person-name';

/**
 * The minutes of a held meeting as data, built by a pure function from what
 * SQL knows (facts.ts) and the notes of the live document. The draft document,
 * and through it every export, is made from this.
 */

/** A person as official minutes name them: title and name, then the official position. */
export interface Person {
	name: string;
	position: string | null;
}
/** An organisation as the minutes name it, with the person who attended (or held the seat) for it. */
export interface Party {
	organisation: string;
	person: Person | null;
	/** The person's position already names the organisation ("ผู้อำนวยการโรงเรียน…"): the minutes do not print it twice. */
	inPosition: boolean;
	/** For an alternate: the member they attended in place of ("มาประชุมแทน …"). */
	replaces: Person | null;
	/** For those absent: whether they sent apologies or gave no notice, and the reason recorded (ติดราชการ …), if any. */
	absence: { kind: 'apologies' | 'absent'; reason: string | null } | null;
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
export interface Signer {
	name: string;
	role: 'secretary' | 'chair';
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
	/** ผู้มาประชุม (alternates among them, with whom they replace), ผู้ไม่มาประชุม, and the seats whose attendance was not taken. */
	attendance: Record<'present' | 'absent' | 'notRecorded', Party[]>;
	/** ผู้เข้าร่วมประชุม: observers who attended (they hold no vote), then the guests in the meeting's order. */
	participants: Party[];
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
	/** Who signs: the secretary as ผู้จดรายงานการประชุม and the chair as ผู้ตรวจรายงานการประชุม, by their role in this body. */
	recorder: Signer | null;
	approver: Signer | null;
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
	const person = (name: string | null, title: string | null, position: string | null): Person | null =>
		name ? { name: formalName(title, name), position: position?.trim() || null } : null;
	const holderOf = (seat: (typeof seats)[number] | undefined) => (seat ? person(seat.person, seat.person_title, seat.person_position) : null);
	const parties: MinutesModel['attendance'] = { present: [], absent: [], notRecorded: [] };
	const participants: Party[] = [];
	// Official minutes list the chair first and the secretary last, the members between them.
	const ranks: Record<string, number> = { chair: 0, vice_chair: 1, secretary: 3 };
	const rank = (o: string) => ranks[seatOf.get(o)?.role ?? ''] ?? 2;
	const order: [Party, number][] = [];
	for (const a of attendance) {
		const seat = seatOf.get(a.organisation_id);
		const alternate = a.status === 'alternate';
		const attendee = alternate ? (seat ? person(seat.alternate, seat.alternate_title, seat.alternate_position) : null) : holderOf(seat);
		const party: Party = {
			organisation: nameOf(a, locale),
			person: attendee,
			inPosition: positionNames(attendee?.position, nameOf(a, locale), a.org_short),
			replaces: alternate ? holderOf(seat) : null,
			absence: a.status === 'apologies' || a.status === 'absent' ? { kind: a.status, reason: a.reason?.trim() || null } : null
		};
		// An observer is not a member: present, they are listed among those attending; away, they are not missed.
		if (seat?.role === 'observer') {
			if (a.status === 'present' || a.status === 'alternate') participants.push(party);
			continue;
		}
		(party.absence ? parties.absent : parties.present).push(party);
		order.push([party, rank(a.organisation_id)]);
	}
	const recorded = new Set(attendance.map((a) => a.organisation_id));
	for (const [orgId, seat] of seatOf)
		if (!recorded.has(orgId) && seat.role !== 'observer') {
			const holder = holderOf(seat);
			const party: Party = {
				organisation: nameOf(seat, locale),
				person: holder,
				inPosition: positionNames(holder?.position, nameOf(seat, locale), seat.org_short),
				replaces: null,
				absence: null
			};
			parties.notRecorded.push(party);
			order.push([party, rank(orgId)]);
		}
	const rankOf = new Map(order);
	const byRank = (a: Party, b: Party) => (rankOf.get(a) ?? 2) - (rankOf.get(b) ?? 2) || a.organisation.localeCompare(b.organisation, locale);
	for (const list of [...Object.values(parties), participants]) list.sort(byRank);

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
		representative: a.representative ? formalName(a.representative_title, a.representative) : null,
		due: a.due_on ? formatDate(bangkokAt(a.due_on, '12:00'), locale) : null
	}));
	const signer = (role: Signer['role']): Signer | null => {
		const seat = seats.find((s) => s.role === role);
		return seat ? { name: formalName(seat.person_title, seat.person), role } : null;
	};
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
		participants,
		guests: facts.guests.map((g) => ({ name: g.name, position: g.position, organisation: g.organisation })),
		quorum: { rule: body.quorum_rule, ...q, recorded: attendance.length > 0 },
		sections,
		otherDecisions,
		actions,
		reportBacks: followupItem ? [] : reportBacks,
		approvals: minutesItem ? [] : approvals,
		recorder: signer('secretary'),
		approver: signer('chair'),
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
