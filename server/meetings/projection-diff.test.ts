import { describe, expect, it } from 'vitest';
import type { ActionRow, AgendaRow, DecisionRow, GuestRow, Projection } from './projection';
import { diffProjection, type Current } from './projection-diff';

const id = () => crypto.randomUUID();
const meeting = id();
const elsewhere = id();
const body = id();
const police = id();
const hospital = id();

const item = (o: Partial<AgendaRow> = {}): AgendaRow => ({
	id: id(),
	meeting_id: meeting,
	title: 'สถานการณ์',
	position: 1,
	minutes: 30,
	presenter_organisation_id: null,
	standing: null,
	links: [],
	...o
});
const decision = (o: Partial<DecisionRow> = {}): DecisionRow => ({
	id: id(),
	meeting_id: meeting,
	agenda_item_id: null,
	text: 'มติ',
	position: 1,
	lead: police,
	supporting: [hospital],
	...o
});
const action = (o: Partial<ActionRow> = {}): ActionRow => ({
	id: id(),
	body_id: body,
	meeting_id: meeting,
	decision_id: null,
	title: 'งาน',
	description: '',
	lead_organisation_id: police,
	assignee_id: null,
	due_on: '2026-12-20',
	supporting: [],
	...o
});
const projection = (o: Partial<Projection> = {}): Projection => ({
	agendaItems: [],
	decisions: [],
	actions: [],
	attendance: [],
	guests: [],
	removed: { agendaItems: [], decisions: [], actions: [] },
	problems: [],
	...o
});
const at = new Date('2026-11-01T03:00:00Z');
function sql(
	o: {
		agendaItems?: AgendaRow[];
		decisions?: DecisionRow[];
		actions?: (Omit<ActionRow, 'meeting_id'> & { meeting_id: string | null; pinned?: boolean })[];
		guests?: GuestRow[];
	} = {}
): Current {
	return {
		agendaItems: new Map((o.agendaItems ?? []).map((a) => [a.id, a])),
		decisions: new Map((o.decisions ?? []).map((d) => [d.id, { ...d, created_at: at }])),
		actions: new Map((o.actions ?? []).map((a) => [a.id, { ...a, pinned: a.pinned ?? false }])),
		attendance: new Map(),
		guests: new Map((o.guests ?? []).map((g) => [g.id, g]))
	};
}
const nothing = { insert: [], update: [], remove: [] };

describe('writes that bring SQL to a projection', () => {
	it('writes nothing when SQL already holds the document', () => {
		const i = item();
		const d = decision({ agenda_item_id: i.id });
		const a = action({ decision_id: d.id, supporting: [hospital] });
		// Supporting organisations are a set: SQL may list them in another order.
		const w = diffProjection(
			meeting,
			projection({ agendaItems: [i], decisions: [d], actions: [a] }),
			sql({ agendaItems: [i], decisions: [{ ...d, supporting: [...d.supporting].reverse() }], actions: [a] })
		);
		expect(w).toEqual({ agendaItems: nothing, decisions: nothing, actions: nothing, attendance: [], guests: nothing, problems: [] });
	});

	it('never writes a row another meeting owns, nor what the document hangs on it', () => {
		const theirs = item({ meeting_id: elsewhere, title: 'วาระของอีกคณะ' });
		const theirDecision = decision({ meeting_id: elsewhere });
		const underTheirItem = decision({ agenda_item_id: theirs.id });
		const underTheirDecision = action({ decision_id: theirDecision.id });
		const theirAction = action({ meeting_id: elsewhere });
		// Listed under this meeting but kept by another body: not this document's either.
		const otherBody = action({ body_id: id() });
		const p = projection({
			agendaItems: [{ ...theirs, meeting_id: meeting, title: 'แก้ชื่อ' }],
			decisions: [{ ...theirDecision, meeting_id: meeting, text: 'เขียนทับ' }, underTheirItem],
			actions: [{ ...theirAction, meeting_id: meeting, title: 'เขียนทับ' }, underTheirDecision, { ...otherBody, body_id: body, title: 'เขียนทับ' }],
			removed: { agendaItems: [theirs.id], decisions: [theirDecision.id], actions: [theirAction.id] }
		});
		const w = diffProjection(
			meeting,
			p,
			sql({ agendaItems: [theirs], decisions: [theirDecision], actions: [{ ...theirAction, meeting_id: null }, otherBody] })
		);
		expect(w.agendaItems).toEqual(nothing);
		expect(w.decisions).toEqual(nothing);
		expect(w.actions).toEqual(nothing);
		expect(w.problems).toEqual(
			expect.arrayContaining([
				{ entity: 'agenda_item', id: theirs.id, reason: 'foreign_id' },
				{ entity: 'decision', id: theirDecision.id, reason: 'foreign_id' },
				{ entity: 'decision', id: underTheirItem.id, reason: 'foreign_parent' },
				{ entity: 'action', id: theirAction.id, reason: 'foreign_id' },
				{ entity: 'action', id: underTheirDecision.id, reason: 'foreign_parent' },
				{ entity: 'action', id: otherBody.id, reason: 'foreign_id' }
			])
		);
		expect(w.problems).toHaveLength(6);
	});

	it('removes a row only when the document holds its tombstone, and never one whose follow-up has begun', () => {
		const absent = action();
		const tombstoned = action();
		const followed = action({ pinned: true } as Partial<ActionRow>);
		const restored = action();
		const p = projection({ actions: [restored], removed: { agendaItems: [], decisions: [], actions: [tombstoned.id, followed.id, restored.id, id()] } });
		const w = diffProjection(meeting, p, sql({ actions: [absent, tombstoned, { ...followed, pinned: true }, restored] }));
		expect(w.actions.remove).toEqual([tombstoned.id]);
		expect(w.actions.update).toEqual([]);
	});

	it('leaves an action whose follow-up has begun as SQL holds it', () => {
		const a = action();
		const w = diffProjection(meeting, projection({ actions: [{ ...a, title: 'แก้ในเอกสาร' }] }), sql({ actions: [{ ...a, pinned: true }] }));
		expect(w.actions).toEqual(nothing);
	});

	it('keeps SQL’s position numbers while the order is the same, and renumbers when the document reorders', () => {
		// Recorded in SQL at position 0 each, ordered by when they were made; mirrored as 1, 2.
		const [first, second] = [decision({ position: 0 }), decision({ position: 0 })].sort((a, b) => a.id.localeCompare(b.id));
		const inSql = sql({ decisions: [first!, second!] });
		const added = decision({ position: 3, text: 'มติใหม่' });
		const same = diffProjection(meeting, projection({ decisions: [{ ...first!, position: 1 }, { ...second!, position: 2 }, added] }), inSql);
		expect(same.decisions).toEqual({ insert: [{ ...added, position: 1 }], update: [], remove: [] });

		const moved = diffProjection(
			meeting,
			projection({
				decisions: [
					{ ...second!, position: 1 },
					{ ...first!, position: 2 }
				]
			}),
			inSql
		);
		expect(moved.decisions.update).toEqual([
			{ ...second!, position: 1 },
			{ ...first!, position: 2 }
		]);
	});

	it('writes an attendance only when it differs', () => {
		const present = { meeting_id: meeting, organisation_id: police, status: 'present' as const, arrived_at: new Date(at), left_at: null, reason: null };
		const current = sql();
		current.attendance.set(police, { ...present });
		expect(diffProjection(meeting, projection({ attendance: [present] }), current).attendance).toEqual([]);
		const left = { ...present, left_at: new Date(at.getTime() + 3600_000) };
		expect(diffProjection(meeting, projection({ attendance: [left] }), current).attendance).toEqual([left]);
	});

	it('writes a reason for absence when it changes', () => {
		const apologies = { meeting_id: meeting, organisation_id: police, status: 'apologies' as const, arrived_at: null, left_at: null, reason: null };
		const current = sql();
		current.attendance.set(police, { ...apologies });
		const withReason = { ...apologies, reason: 'ติดราชการ' };
		expect(diffProjection(meeting, projection({ attendance: [withReason] }), current).attendance).toEqual([withReason]);
		current.attendance.set(police, { ...withReason });
		expect(diffProjection(meeting, projection({ attendance: [withReason] }), current).attendance).toEqual([]);
	});

	it("takes the document's guests as the whole list, and never another meeting's guest", () => {
		const guest = (o: Partial<GuestRow> = {}): GuestRow => ({
			id: crypto.randomUUID(),
			meeting_id: meeting,
			name: 'นางสาวสมศรี ใจดี',
			position: 'นักสังคมสงเคราะห์',
			organisation: 'มูลนิธิเด็ก',
			sort_order: 1,
			...o
		});
		const kept = guest();
		const renamed = guest({ sort_order: 2 });
		const gone = guest({ sort_order: 3 });
		const added = guest({ name: 'นายใหม่', sort_order: 3 });
		const theirs = guest({ meeting_id: elsewhere });
		const w = diffProjection(
			meeting,
			projection({ guests: [kept, { ...renamed, position: 'ผู้อำนวยการ' }, added, { ...theirs, meeting_id: meeting }] }),
			sql({ guests: [kept, renamed, gone, theirs] })
		);
		expect(w.guests).toEqual({ insert: [added], update: [{ ...renamed, position: 'ผู้อำนวยการ' }], remove: [gone.id] });
		expect(w.problems).toEqual([{ entity: 'guest', id: theirs.id, reason: 'foreign_id' }]);
	});
});
