import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
	actionsOf,
	clip,
	FIELD_MAX,
	fittedLinks,
	addAction,
	addAgendaItem,
	addDecision,
	addGuest,
	agendaOf,
	attendanceOf,
	decisionsOf,
	guestsOf,
	metaOf,
	orderBetween,
	pauseTimer,
	plain,
	removeAction,
	removeAgendaItem,
	removeDecision,
	removedOf,
	removeGuest,
	reportBacksOf,
	restoreRemoved,
	setAbsenceReason,
	setAttendance,
	setDeparture,
	setReportBack,
	startTimer,
	timersOf,
	type ActionDraft,
	type AgendaItem,
	type Attendance,
	type AttendanceStatus,
	type Decision,
	type Guest,
	type RemovedKind,
	type ReportBack,
	type TimerState
} from './schema';

/** Someone in the meeting right now, as the server stamped them. */
export interface Presence {
	clientId: number;
	userId: string;
	name: string;
	colour: string;
	itemId: string | null;
}

/** What was removed together, as the "recently deleted" list shows it: the entity removed and what went with it. */
export interface RemovedGroup {
	group: string;
	kind: RemovedKind;
	/** Its title or text. */
	label: string;
	removedAt: number;
	removedBy: string | null;
	/** Entities in the group, the removed one included. */
	count: number;
}

/** The meeting's status and lock as the server last wrote them into the document; empty until it has. */
export interface MeetingMeta {
	status?: string;
	locked?: boolean;
}

function groupsOf(removed: Y.Map<Y.Map<unknown>>): RemovedGroup[] {
	const groups = new Map<string, RemovedGroup>();
	for (const [id, r] of removed) {
		const group = String(r.get('group') ?? id);
		const known = groups.get(group);
		const entity = (r.get('entity') ?? {}) as Record<string, unknown>;
		if (known) known.count++;
		if (known && id !== group) continue;
		const kind = r.get('kind') as RemovedKind;
		groups.set(group, {
			group,
			kind,
			count: known?.count ?? 1,
			label: String((kind === 'decision' ? entity.text : entity.title) ?? ''),
			removedAt: Number(r.get('removedAt')) || 0,
			removedBy: typeof r.get('removedBy') === 'string' ? (r.get('removedBy') as string) : null
		});
	}
	return [...groups.values()].sort((a, b) => b.removedAt - a.removedAt);
}

function read<T>(map: Y.Map<Y.Map<unknown>>): T[] {
	return [...map.values()].map((m) => plain(m) as T);
}

/**
 * The meeting document as reactive state for the workspace. Components read
 * the fields and call the intent methods; every write is a Yjs transaction,
 * so it merges with everyone else's.
 */
export class MeetingDocState {
	agenda = $state<AgendaItem[]>([]);
	decisions = $state<Decision[]>([]);
	actions = $state<ActionDraft[]>([]);
	attendance = $state<Record<string, Attendance>>({});
	guests = $state<Guest[]>([]);
	timers = $state<Record<string, TimerState>>({});
	reportBacks = $state<Record<string, ReportBack>>({});
	removed = $state<RemovedGroup[]>([]);
	meta = $state<MeetingMeta>({});
	present = $state<Presence[]>([]);
	/** Origin of every change made through this state: this person's own, which their undo tracks. */
	readonly origin = Symbol('meeting.local');

	readonly #doc: Y.Doc;
	readonly #awareness: Awareness | null;
	readonly #me: string | null;
	readonly #stop: (() => void)[] = [];

	constructor(doc: Y.Doc, awareness: Awareness | null = null, me: string | null = null) {
		this.#doc = doc;
		this.#awareness = awareness;
		this.#me = me;
		const watch = (map: Y.Map<Y.Map<unknown>>, refresh: () => void) => {
			const handler = () => refresh();
			map.observeDeep(handler);
			this.#stop.push(() => map.unobserveDeep(handler));
			refresh();
		};
		watch(agendaOf(doc), () => (this.agenda = read<AgendaItem>(agendaOf(doc)).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))));
		watch(decisionsOf(doc), () => (this.decisions = read<Decision>(decisionsOf(doc)).sort((a, b) => a.order - b.order)));
		watch(actionsOf(doc), () => (this.actions = read<ActionDraft>(actionsOf(doc))));
		watch(attendanceOf(doc), () => (this.attendance = attendanceOf(doc).toJSON() as Record<string, Attendance>));
		watch(guestsOf(doc), () => (this.guests = read<Guest>(guestsOf(doc)).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))));
		watch(timersOf(doc), () => (this.timers = timersOf(doc).toJSON() as Record<string, TimerState>));
		watch(reportBacksOf(doc), () => (this.reportBacks = reportBacksOf(doc).toJSON() as Record<string, ReportBack>));
		watch(removedOf(doc), () => (this.removed = groupsOf(removedOf(doc))));
		// The meta map holds plain values, not entities; observing it deeply works alike.
		watch(metaOf(doc) as unknown as Y.Map<Y.Map<unknown>>, () => (this.meta = metaOf(doc).toJSON() as MeetingMeta));
		if (awareness) {
			const onChange = () => this.#readPresence();
			awareness.on('change', onChange);
			this.#stop.push(() => awareness.off('change', onChange));
			this.#readPresence();
		}
	}

	#readPresence() {
		const out: Presence[] = [];
		for (const [clientId, state] of this.#awareness!.getStates()) {
			const user = (state as { user?: { id?: string; name?: string; colour?: string; color?: string } }).user;
			if (!user?.id) continue;
			out.push({
				clientId,
				userId: user.id,
				name: user.name ?? '',
				colour: user.colour ?? user.color ?? '#888',
				itemId: (state as { itemId?: string }).itemId ?? null
			});
		}
		this.present = out;
	}

	/** Tells the others which agenda item this person is looking at. */
	focus(itemId: string | null) {
		this.#awareness?.setLocalStateField('itemId', itemId);
	}

	/** Runs a change as this person's own. */
	#write(fn: () => void) {
		this.#doc.transact(fn, this.origin);
	}

	decisionsOf(itemId: string) {
		return this.decisions.filter((d) => d.agendaItemId === itemId);
	}

	actionsOf(decisionId: string) {
		return this.actions.filter((a) => a.decisionId === decisionId);
	}

	addItem(title: string, minutes: number | null, presenterOrgId: string | null): string {
		const id = crypto.randomUUID();
		this.#write(() => addAgendaItem(this.#doc, { id, title, minutes, presenterOrgId, standing: null }));
		return id;
	}

	updateItem(id: string, fields: Partial<Pick<AgendaItem, 'title' | 'minutes' | 'presenterOrgId' | 'links'>>) {
		const item = agendaOf(this.#doc).get(id);
		if (!item) return;
		const fitted = {
			...fields,
			...(fields.title !== undefined ? { title: clip(fields.title, FIELD_MAX.agendaTitle) } : {}),
			...(fields.links !== undefined ? { links: fittedLinks(fields.links) } : {})
		};
		this.#write(() => {
			for (const [k, v] of Object.entries(fitted)) item.set(k, v);
		});
	}

	removeItem(id: string) {
		this.#write(() => removeAgendaItem(this.#doc, id, this.#me));
	}

	/** Moves an item to a position in the current order (drag and drop, keyboard). */
	moveItem(id: string, toIndex: number) {
		const others = this.agenda.filter((a) => a.id !== id);
		const index = Math.max(0, Math.min(toIndex, others.length));
		const before = index > 0 ? others[index - 1]!.order : null;
		const after = index < others.length ? others[index]!.order : null;
		this.#write(() => agendaOf(this.#doc).get(id)?.set('order', orderBetween(before, after)));
	}

	addDecision(agendaItemId: string, text: string, leadOrgId: string | null, supportingOrgIds: string[]): string {
		const id = crypto.randomUUID();
		this.#write(() => addDecision(this.#doc, { id, agendaItemId, text, leadOrgId, supportingOrgIds }));
		return id;
	}

	updateDecision(id: string, fields: Partial<Pick<Decision, 'text' | 'leadOrgId' | 'supportingOrgIds'>>) {
		const d = decisionsOf(this.#doc).get(id);
		const fitted = fields.text !== undefined ? { ...fields, text: clip(fields.text, FIELD_MAX.decisionText) } : fields;
		if (d) this.#write(() => Object.entries(fitted).forEach(([k, v]) => d.set(k, v)));
	}

	removeDecision(id: string) {
		this.#write(() => removeDecision(this.#doc, id, this.#me));
	}

	addAction(draft: Omit<ActionDraft, 'id'>): string {
		const id = crypto.randomUUID();
		this.#write(() => addAction(this.#doc, { id, ...draft }));
		return id;
	}

	removeAction(id: string) {
		this.#write(() => removeAction(this.#doc, id, this.#me));
	}

	setAttendance(orgId: string, status: AttendanceStatus) {
		this.#write(() => setAttendance(this.#doc, orgId, status));
	}

	setDeparture(orgId: string, left: boolean) {
		this.#write(() => setDeparture(this.#doc, orgId, left ? Date.now() : null));
	}

	/** Why an organisation sent apologies or stayed away; empty clears it. */
	setAbsenceReason(orgId: string, reason: string) {
		this.#write(() => setAbsenceReason(this.#doc, orgId, reason));
	}

	addGuest(guest: Pick<Guest, 'name' | 'position' | 'organisation'>): string {
		const id = crypto.randomUUID();
		this.#write(() => addGuest(this.#doc, { id, ...guest }));
		return id;
	}

	removeGuest(id: string) {
		this.#write(() => removeGuest(this.#doc, id));
	}

	setReportBack(actionItemId: string, text: string) {
		this.#write(() => setReportBack(this.#doc, actionItemId, text));
	}

	startTimer(itemId: string) {
		this.#write(() => startTimer(this.#doc, itemId));
	}

	pauseTimer(itemId: string) {
		this.#write(() => pauseTimer(this.#doc, itemId));
	}

	/** Brings back what was removed together (from "recently deleted"). */
	restore(group: string) {
		this.#write(() => restoreRemoved(this.#doc, group));
	}

	destroy() {
		for (const stop of this.#stop) stop();
	}
}
