import { m } from '../../src/lib/paraglide/messages';
import type { Locale } from '../../src/lib/paraglide/runtime';
import type { ActionLine, ApprovalLine, DecisionLine, GuestLine, MinutesModel, Party, Person, ReportBackLine, Section, Signer } from './model';
import { nameWithPosition, positionNames } from '../../src/lib/person-name';
import {
	bold,
	bulletList,
	doc,
	heading,
	listItem,
	orderedList,
	paragraph,
	table,
	tableCell,
	tableHeader,
	tableRow,
	type PMNode
} from '../rich-text/prosemirror';

/** Official minutes are kept in Thai, whatever language the secretary's screen speaks. */
export const DOCUMENT_LOCALE: Locale = 'th';

/** The draft's first content: the model laid out the way a Thai secretariat writes minutes. */
export function minutesContent(model: MinutesModel): PMNode {
	const o = { locale: model.locale };
	const time = (t: string) => m.minutes_doc_time({ time: t }, o);
	const join = (names: string[]) => names.join(', ');

	// Thai lists name, position and organisation side by side; English separates them with commas. An organisation
	// the position already names is not repeated ("ผู้อำนวยการโรงเรียนดอกคำใต้วิทยา", not "… โรงเรียนดอกคำใต้วิทยา").
	const apart = model.locale === 'th' ? ' ' : ', ';
	const who = (p: Person) => nameWithPosition(p.name, p.position, apart);
	const named = (p: Party) => (p.person ? (p.inPosition ? who(p.person) : [who(p.person), p.organisation].join(apart)) : p.organisation);
	// An alternate says whom they replace; someone absent, why: "… (ลาประชุม)", "… (ติดราชการ)".
	const party = (p: Party) => {
		if (p.replaces) return m.minutes_doc_party_replaces({ party: named(p), person: who(p.replaces) }, o);
		if (!p.absence) return named(p);
		const reason =
			p.absence.reason ?? (p.absence.kind === 'apologies' ? m.minutes_doc_reason_apologies(undefined, o) : m.minutes_doc_reason_absent(undefined, o));
		return m.minutes_doc_party_reason({ party: named(p), reason }, o);
	};
	const attendance = (title: string, parties: Party[], guests: GuestLine[] = []): PMNode[] =>
		parties.length || guests.length
			? [heading(2, title), orderedList([...parties.map((p) => listItem(paragraph(party(p)))), ...guests.map((g) => listItem(paragraph(guest(g))))])]
			: [];
	// A guest as Thai minutes name one: the name, then the position and where they come from.
	const guest = (g: GuestLine) => [g.name, g.position, positionNames(g.position, g.organisation) ? '' : g.organisation].filter(Boolean).join(apart);

	const responsible = (lead: string[], supporting: string[]) =>
		[
			lead.length ? m.minutes_doc_lead({ organisations: join(lead) }, o) : '',
			supporting.length ? m.minutes_doc_supporting({ organisations: join(supporting) }, o) : ''
		]
			.filter(Boolean)
			.join(' · ');
	const decisionList = (list: DecisionLine[]): PMNode[] =>
		list.length
			? [
					orderedList(
						list.map((d) => listItem(paragraph(d.text), ...(d.lead.length || d.supporting.length ? [paragraph(responsible(d.lead, d.supporting))] : [])))
					)
				]
			: [];
	const label = () => bold(m.minutes_doc_resolution(undefined, o));
	// Every item ends with มติที่ประชุม: the approvals and decisions made under it, or ที่ประชุมรับทราบ where nothing was decided.
	const resolution = (approvals: ApprovalLine[], list: DecisionLine[]): PMNode[] => {
		if (!approvals.length && !list.length) return [paragraph(label(), ' ', m.minutes_doc_noted(undefined, o))];
		if (approvals.length === 1 && !list.length) return [paragraph(label(), ' ', approvalText(approvals[0]!))];
		return [paragraph(label()), ...approvals.map((a) => paragraph(approvalText(a))), ...decisionList(list)];
	};
	const reportBack = (r: ReportBackLine) =>
		listItem(
			paragraph(m.minutes_doc_report_back({ action: r.action, organisation: r.organisation }, o)),
			...r.reports.map((text) => paragraph(m.minutes_doc_reported({ text }, o))),
			...(r.accepted ? [paragraph(m.minutes_doc_accepted(undefined, o))] : [])
		);
	// The action items as the table a secretariat keeps: one row each, under a header row.
	const actionTable = (list: ActionLine[]) =>
		table([
			tableRow(
				[
					m.minutes_doc_col_number,
					m.minutes_doc_col_action,
					m.minutes_doc_col_lead,
					m.minutes_doc_col_supporting,
					m.minutes_doc_col_representative,
					m.minutes_doc_col_due
				].map((label) => tableHeader(paragraph(label(undefined, o))))
			),
			...list.map((a, i) =>
				tableRow([String(i + 1), a.title, a.lead, join(a.supporting), a.representative ?? '', a.due ?? ''].map((t) => tableCell(paragraph(t))))
			)
		]);
	function approvalText(a: ApprovalLine) {
		return a.amendments
			? m.minutes_doc_previous_amended({ number: a.number, amendments: a.amendments }, o)
			: m.minutes_doc_previous_as_is({ number: a.number }, o);
	}
	const section = (s: Section): PMNode[] => [
		heading(2, m.minutes_doc_item({ number: String(s.number), title: s.title }, o)),
		...s.notes,
		...(s.reportBacks.length ? [bulletList(s.reportBacks.map(reportBack))] : []),
		...resolution(s.approvals, s.decisions)
	];

	const q = model.quorum;
	const quorumLine = !q.recorded
		? m.minutes_doc_quorum_not_recorded(undefined, o)
		: q.rule === 'none'
			? m.minutes_doc_quorum_none({ attending: String(q.attending), total: String(q.total) }, o)
			: q.met
				? m.minutes_doc_quorum_met({ attending: String(q.attending), total: String(q.total), needed: String(q.needed) }, o)
				: m.minutes_doc_quorum_not_met({ attending: String(q.attending), total: String(q.total), needed: String(q.needed) }, o);
	// The signature, then the name in brackets on its own line, then the position in this body beneath it.
	const signature = (what: string, signer: Signer | null, role: string): PMNode[] => [
		paragraph(m.minutes_doc_signature({ what }, o)),
		paragraph(m.minutes_doc_signer({ name: signer?.name ?? '' }, o)),
		paragraph(m.minutes_doc_signer_position({ role, body: model.body }, o))
	];
	const opening = q.recorded && (q.met || q.rule === 'none') ? m.minutes_doc_opening_quorum(undefined, o) : m.minutes_doc_opening(undefined, o);

	return doc([
		heading(1, model.caseCode ? m.minutes_doc_heading_case({ body: model.body, code: model.caseCode }, o) : m.minutes_doc_heading({ body: model.body }, o)),
		paragraph(m.minutes_doc_number({ number: model.number }, o)),
		paragraph(m.minutes_doc_date({ date: model.date }, o)),
		...(model.place ? [paragraph(m.minutes_doc_place({ place: model.place }, o))] : []),
		...(model.onlineUrl ? [paragraph(m.minutes_doc_online({ url: model.onlineUrl }, o))] : []),
		...attendance(m.minutes_doc_present(undefined, o), model.attendance.present),
		...attendance(m.minutes_doc_absent(undefined, o), model.attendance.absent),
		...attendance(m.minutes_doc_not_recorded(undefined, o), model.attendance.notRecorded),
		...attendance(m.minutes_doc_guests(undefined, o), model.participants, model.guests),
		paragraph(quorumLine),
		...(model.opened ? [paragraph(m.minutes_doc_opened({ time: time(model.opened) }, o))] : []),
		paragraph(opening),
		...(model.approvals.length ? resolution(model.approvals, []) : []),
		...(model.empty ? [paragraph(m.minutes_doc_empty(undefined, o))] : []),
		...model.sections.flatMap(section),
		...(model.otherDecisions.length ? [heading(2, m.minutes_doc_other_decisions(undefined, o)), ...resolution([], model.otherDecisions)] : []),
		...(model.reportBacks.length ? [heading(2, m.minutes_doc_report_backs(undefined, o)), bulletList(model.reportBacks.map(reportBack))] : []),
		...(model.closed ? [paragraph(m.minutes_doc_closed({ time: time(model.closed) }, o))] : []),
		...signature(m.minutes_doc_recorder(undefined, o), model.recorder, m.role_secretary(undefined, o)),
		...signature(m.minutes_doc_approver(undefined, o), model.approver, m.role_chair(undefined, o)),
		// The action table is attached after the signatures, as a secretariat attaches its summary of resolutions.
		...(model.actions.length
			? [
					heading(2, m.minutes_doc_attachments(undefined, o)),
					paragraph(m.minutes_doc_attachment({ number: '1', title: m.minutes_doc_actions(undefined, o) }, o)),
					actionTable(model.actions)
				]
			: [])
	]);
}
