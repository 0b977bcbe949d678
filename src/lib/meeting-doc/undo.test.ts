import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { capabilities, liveMode, type Authority } from './authority';
import { actionsOf, decisionsOf, notesOf, removedOf, reportBacksOf } from './schema';
import { MeetingDocState } from './state.svelte';
import { MeetingUndo } from './undo.svelte';

/** A person's workspace state on a document of its own, linked to the others' documents like the server would. */
function person(me: string, officer = me !== 'member') {
	const doc = new Y.Doc();
	const live = new MeetingDocState(doc, null, me);
	const undo = new MeetingUndo(doc, live.origin, officer ? { by: me } : null);
	return { doc, live, undo };
}

function link(...docs: Y.Doc[]) {
	for (const from of docs) {
		from.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'relay') return;
			for (const to of docs) if (to !== from) Y.applyUpdate(to, update, 'relay');
		});
	}
}

const ORG = '0b7d3c1e-8c1f-4c55-9d55-4f8a3f0c1a11';

function meeting(p: ReturnType<typeof person>) {
	const item = p.live.addItem('สถานการณ์แรงงานเด็ก', 20, null);
	const decision = p.live.addDecision(item, 'ให้ตำรวจตรวจสอบไร่ข้าวโพด', ORG, []);
	const action = p.live.addAction({
		decisionId: decision,
		title: 'ตรวจไร่ข้าวโพด',
		description: '',
		leadOrgId: ORG,
		assigneeId: null,
		supportingOrgIds: [],
		dueOn: null
	});
	p.undo.clear();
	return { item, decision, action };
}

describe("a person's own undo in the meeting", () => {
	it('takes back a removal as one step: the decision and its action items come back and the tombstones go', () => {
		const secretary = person('secretary');
		const { decision, action } = meeting(secretary);
		secretary.undo.removal(decision, () => secretary.live.removeDecision(decision));
		expect(secretary.live.decisions).toHaveLength(0);
		expect(secretary.live.removed).toMatchObject([{ group: decision, kind: 'decision', label: 'ให้ตำรวจตรวจสอบไร่ข้าวโพด', removedBy: 'secretary', count: 2 }]);

		expect(secretary.undo.undoRemoval(decision)).toBe(true);
		expect(decisionsOf(secretary.doc).get(decision)?.get('text')).toBe('ให้ตำรวจตรวจสอบไร่ข้าวโพด');
		expect(actionsOf(secretary.doc).get(action)?.get('title')).toBe('ตรวจไร่ข้าวโพด');
		expect(removedOf(secretary.doc).size).toBe(0);
		expect(secretary.live.removed).toEqual([]);
		expect(secretary.undo.canRedo).toBe(true);
	});

	it('leaves a removal in place when asked to undo it after a later step of the same person', () => {
		const chair = person('chair');
		const { item, decision } = meeting(chair);
		chair.undo.removal(decision, () => chair.live.removeDecision(decision));
		chair.live.updateItem(item, { title: 'สถานการณ์แรงงานเด็กในไร่ข้าวโพด' });
		expect(chair.undo.undoRemoval(decision)).toBe(false);
		expect(removedOf(chair.doc).has(decision)).toBe(true);
		// Ordinary undo takes the later step back first.
		chair.undo.undo();
		expect(chair.live.agenda[0]!.title).toBe('สถานการณ์แรงงานเด็ก');
		expect(removedOf(chair.doc).has(decision)).toBe(true);
	});

	it('never takes back what someone else did', () => {
		const secretary = person('secretary');
		const member = person('member');
		link(secretary.doc, member.doc);
		const { item, decision } = meeting(secretary);
		member.live.updateDecision(decision, { text: 'ให้ตำรวจและฝ่ายปกครองตรวจสอบไร่ข้าวโพด' });
		const mine = member.live.addDecision(item, 'ให้โรงเรียนติดตามเด็ก', ORG, []);
		secretary.live.updateItem(item, { title: 'สถานการณ์แรงงานเด็กในไร่ข้าวโพด' });
		secretary.undo.undo();
		expect(secretary.live.agenda[0]!.title).toBe('สถานการณ์แรงงานเด็ก');
		expect(decisionsOf(secretary.doc).get(decision)?.get('text')).toBe('ให้ตำรวจและฝ่ายปกครองตรวจสอบไร่ข้าวโพด');
		expect(decisionsOf(secretary.doc).has(mine)).toBe(true);
		expect(secretary.undo.canUndo).toBe(false);
	});

	it("undoes a member's own addition as a plain removal, with no tombstone (which only officers may write)", () => {
		const secretary = person('secretary');
		const member = person('member');
		link(secretary.doc, member.doc);
		const { item } = meeting(secretary);
		const mine = member.live.addDecision(item, 'ให้โรงเรียนติดตามเด็ก', ORG, []);
		member.undo.undo();
		expect(decisionsOf(secretary.doc).has(mine)).toBe(false);
		expect(removedOf(secretary.doc).size).toBe(0);
	});

	it("leaves a tombstone when an officer's undo takes away what they added, so SQL lets it go too; redo clears it", () => {
		const chair = person('chair');
		const { item, decision } = meeting(chair);
		const action = chair.live.addAction({
			decisionId: decision,
			title: 'ประสานโรงเรียน',
			description: '',
			leadOrgId: ORG,
			assigneeId: null,
			supportingOrgIds: [],
			dueOn: null
		});
		chair.undo.undo();
		expect(actionsOf(chair.doc).has(action)).toBe(false);
		expect(removedOf(chair.doc).get(action)?.toJSON()).toMatchObject({
			kind: 'action',
			group: action,
			removedBy: 'chair',
			entity: { id: action, title: 'ประสานโรงเรียน', decisionId: decision }
		});
		chair.undo.redo();
		expect(actionsOf(chair.doc).get(action)?.get('title')).toBe('ประสานโรงเรียน');
		expect(removedOf(chair.doc).has(action)).toBe(false);
		// Taking back a restore puts the original tombstone back, not a second one.
		chair.undo.removal(decision, () => chair.live.removeDecision(decision));
		chair.live.restore(decision);
		chair.undo.undo();
		expect(removedOf(chair.doc).get(decision)?.get('removedAt')).toBeTypeOf('number');
		expect(chair.live.removed).toMatchObject([{ group: decision, count: 3 }]);
		expect(chair.live.agenda.map((a) => a.id)).toEqual([item]);
	});

	it('brings an agenda item back with its notes and decisions', () => {
		const chair = person('chair');
		const { item, decision, action } = meeting(chair);
		const notes = notesOf(chair.doc, item);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('พบเด็กทำงานในไร่ข้าวโพด 3 ราย')]);
		notes.insert(0, [paragraph]);
		chair.undo.removal(item, () => chair.live.removeItem(item), [notes as Y.AbstractType<unknown>]);
		expect(notes.length).toBe(0);
		expect(chair.undo.undoRemoval(item)).toBe(true);
		expect(chair.live.agenda.map((a) => a.id)).toEqual([item]);
		expect(decisionsOf(chair.doc).has(decision) && actionsOf(chair.doc).has(action)).toBe(true);
		expect(notes.toString()).toContain('พบเด็กทำงานในไร่ข้าวโพด 3 ราย');
	});

	it('does not undo report-backs, whose entries only the server removes', () => {
		const p = person('representative');
		p.live.setReportBack('5c0a7a52-1f4e-4d3b-9a7e-0e8f1c2d3b4a', 'ตรวจแล้ว 9 แห่ง');
		expect(p.undo.canUndo).toBe(false);
		p.undo.undo();
		expect(reportBacksOf(p.doc).size).toBe(1);
	});
});

describe('what the workspace offers', () => {
	const member: Authority = { mode: 'write', officer: false, secretary: false, reportFor: [ORG] };
	const secretary: Authority = { mode: 'write', officer: true, secretary: true, reportFor: [] };

	it('takes writing away at once when the meeting is locked, cancelled or approved, and from members when it ends', () => {
		expect(liveMode(member, 'in_progress', false)).toBe('write');
		expect(liveMode(member, 'ended', false)).toBe('read');
		expect(liveMode(secretary, 'ended', false)).toBe('write');
		for (const status of ['minutes_approved', 'cancelled']) expect(liveMode(secretary, status, false)).toBe('read');
		expect(liveMode(secretary, 'in_progress', true)).toBe('read');
		// Rights given back wait for the server: a reader stays a reader whatever the meta says.
		expect(liveMode({ ...member, mode: 'read' }, 'in_progress', false)).toBe('read');
	});

	it('offers members no removal, arrangement, timers or attendance, and report-backs only for their organisations', () => {
		const m = capabilities(member, true);
		expect([m.edit, m.remove, m.arrange, m.timers, m.attendance]).toEqual([true, false, false, false, false]);
		expect([m.reportFor(ORG), m.reportFor('other')]).toEqual([true, false]);
		const s = capabilities(secretary, true);
		expect([s.remove, s.arrange, s.timers, s.attendance, s.reportFor('other')]).toEqual([true, true, true, true, true]);
		const locked = capabilities(secretary, false);
		expect([locked.edit, locked.remove, locked.reportFor(ORG)]).toEqual([false, false, false]);
	});
});
