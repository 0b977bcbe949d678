import { m } from '../../src/lib/paraglide/messages';
import type { Locale } from '../../src/lib/paraglide/runtime';
import type { ActionLine, ApprovalLine, DecisionLine, GuestLine, MinutesModel, Party, ReportBackLine, Section } from './model';
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

	const named = (p: Party, alternate: boolean) =>
		!p.person
			? p.organisation
			: alternate
				? m.minutes_doc_party_alternate({ organisation: p.organisation, person: p.person }, o)
				: m.minutes_doc_party({ organisation: p.organisation, person: p.person }, o);
	// A reason follows the name, as Thai minutes list those absent: "… (นาย ก) ติดราชการ".
	const party = (p: Party, alternate = false) =>
		p.reason ? m.minutes_doc_party_reason({ party: named(p, alternate), reason: p.reason }, o) : named(p, alternate);
	const attendance = (title: string, parties: Party[], alternate = false): PMNode[] =>
		parties.length ? [heading(2, title), orderedList(parties.map((p) => listItem(paragraph(party(p, alternate)))))] : [];
	// A guest as Thai minutes name one: the name, then the position and where they come from.
	const guest = (g: GuestLine) => [g.name, g.position, g.organisation].filter(Boolean).join(model.locale === 'th' ? ' ' : ', ');
	const guests = (list: GuestLine[]): PMNode[] =>
		list.length ? [heading(2, m.minutes_doc_guests(undefined, o)), orderedList(list.map((g) => listItem(paragraph(guest(g)))))] : [];

	const responsible = (lead: string[], supporting: string[]) =>
		[
			lead.length ? m.minutes_doc_lead({ organisations: join(lead) }, o) : '',
			supporting.length ? m.minutes_doc_supporting({ organisations: join(supporting) }, o) : ''
		]
			.filter(Boolean)
			.join(' · ');
	const decisions = (list: DecisionLine[]): PMNode[] =>
		list.length
			? [
					paragraph(bold(m.minutes_doc_resolution(undefined, o))),
					orderedList(
						list.map((d) => listItem(paragraph(d.text), ...(d.lead.length || d.supporting.length ? [paragraph(responsible(d.lead, d.supporting))] : [])))
					)
				]
			: [];
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
	const approval = (a: ApprovalLine) =>
		paragraph(
			a.amendments ? m.minutes_doc_previous_amended({ number: a.number, amendments: a.amendments }, o) : m.minutes_doc_previous_as_is({ number: a.number }, o)
		);
	const section = (s: Section): PMNode[] => [
		heading(2, m.minutes_doc_item({ number: String(s.number), title: s.title }, o)),
		...s.approvals.map(approval),
		...s.notes,
		...(s.reportBacks.length ? [bulletList(s.reportBacks.map(reportBack))] : []),
		...decisions(s.decisions)
	];

	const q = model.quorum;
	const quorumLine = !q.recorded
		? m.minutes_doc_quorum_not_recorded(undefined, o)
		: q.rule === 'none'
			? m.minutes_doc_quorum_none({ attending: String(q.attending), total: String(q.total) }, o)
			: q.met
				? m.minutes_doc_quorum_met({ attending: String(q.attending), total: String(q.total), needed: String(q.needed) }, o)
				: m.minutes_doc_quorum_not_met({ attending: String(q.attending), total: String(q.total), needed: String(q.needed) }, o);
	const signature = (what: string, name: string | null, role: string): PMNode[] => [
		paragraph(m.minutes_doc_signature({ what }, o)),
		paragraph(m.minutes_doc_signer({ name: name ?? '', role }, o))
	];

	return doc([
		heading(1, model.caseCode ? m.minutes_doc_heading_case({ body: model.body, code: model.caseCode }, o) : m.minutes_doc_heading({ body: model.body }, o)),
		paragraph(m.minutes_doc_number({ number: model.number }, o)),
		paragraph(m.minutes_doc_date({ date: model.date }, o)),
		...(model.place ? [paragraph(m.minutes_doc_place({ place: model.place }, o))] : []),
		...(model.onlineUrl ? [paragraph(m.minutes_doc_online({ url: model.onlineUrl }, o))] : []),
		...attendance(m.minutes_doc_present(undefined, o), model.attendance.present),
		...attendance(m.minutes_doc_alternate(undefined, o), model.attendance.alternate, true),
		...attendance(m.minutes_doc_apologies(undefined, o), model.attendance.apologies),
		...attendance(m.minutes_doc_absent(undefined, o), model.attendance.absent),
		...attendance(m.minutes_doc_not_recorded(undefined, o), model.attendance.notRecorded),
		...guests(model.guests),
		paragraph(quorumLine),
		...(model.opened ? [paragraph(m.minutes_doc_opened({ time: time(model.opened) }, o))] : []),
		...model.approvals.map(approval),
		...(model.empty ? [paragraph(m.minutes_doc_empty(undefined, o))] : []),
		...model.sections.flatMap(section),
		...(model.otherDecisions.length ? [heading(2, m.minutes_doc_other_decisions(undefined, o)), ...decisions(model.otherDecisions)] : []),
		...(model.reportBacks.length ? [heading(2, m.minutes_doc_report_backs(undefined, o)), bulletList(model.reportBacks.map(reportBack))] : []),
		...(model.actions.length ? [heading(2, m.minutes_doc_actions(undefined, o)), actionTable(model.actions)] : []),
		...(model.closed ? [paragraph(m.minutes_doc_closed({ time: time(model.closed) }, o))] : []),
		...signature(m.minutes_doc_recorder(undefined, o), model.recorder, m.role_secretary(undefined, o)),
		...signature(m.minutes_doc_approver(undefined, o), model.approver, m.role_chair(undefined, o))
	]);
}
