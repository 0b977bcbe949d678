import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
	actionsOf, addAction, addAgendaItem, addDecision, agendaOf, attendanceOf, decisionsOf, orderBetween, pauseTimer, plain,
	removeAction, removeAgendaItem, removeDecision, reportBacksOf, setAttendance, setDeparture, setReportBack, startTimer, timersOf,
	type ActionDraft, type AgendaItem, type Attendance, type AttendanceStatus, type Decision, type ReportBack, type TimerState
} from './schema';

/** Someone in the meeting right now, as the server stamped them. */
export interface Presence {
	clientId: number;
	userId: string;
	name: string;
	colour: string;
	itemId: string | null;
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
	timers = $state<Record<string, TimerState>>({});
	reportBacks = $state<Record<string, ReportBack>>({});
	present = $state<Presence[]>([]);

	readonly #doc: Y.Doc;
	readonly #awareness: Awareness | null;
	readonly #stop: (() => void)[] = [];

	constructor(doc: Y.Doc, awareness: Awareness | null = null) {
		this.#doc = doc;
		this.#awareness = awareness;
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
		watch(timersOf(doc), () => (this.timers = timersOf(doc).toJSON() as Record<string, TimerState>));
		watch(reportBacksOf(doc), () => (this.reportBacks = reportBacksOf(doc).toJSON() as Record<string, ReportBack>));
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
			out.push({ clientId, userId: user.id, name: user.name ?? '', colour: user.colour ?? user.color ?? '#888', itemId: (state as { itemId?: string }).itemId ?? null });
		}
		this.present = out;
	}

	/** Tells the others which agenda item this person is looking at. */
	focus(itemId: string | null) {
		this.#awareness?.setLocalStateField('itemId', itemId);
	}

	decisionsOf(itemId: string) {
		return this.decisions.filter((d) => d.agendaItemId === itemId);
	}

	actionsOf(decisionId: string) {
		return this.actions.filter((a) => a.decisionId === decisionId);
	}

	addItem(title: string, minutes: number | null, presenterOrgId: string | null): string {
		const id = crypto.randomUUID();
		addAgendaItem(this.#doc, { id, title, minutes, presenterOrgId, standing: null });
		return id;
	}

	updateItem(id: string, fields: Partial<Pick<AgendaItem, 'title' | 'minutes' | 'presenterOrgId' | 'links'>>) {
		const item = agendaOf(this.#doc).get(id);
		if (!item) return;
		this.#doc.transact(() => {
			for (const [k, v] of Object.entries(fields)) item.set(k, v);
		});
	}

	removeItem(id: string) {
		removeAgendaItem(this.#doc, id);
	}

	/** Moves an item to a position in the current order (drag and drop, keyboard). */
	moveItem(id: string, toIndex: number) {
		const others = this.agenda.filter((a) => a.id !== id);
		const index = Math.max(0, Math.min(toIndex, others.length));
		const before = index > 0 ? others[index - 1]!.order : null;
		const after = index < others.length ? others[index]!.order : null;
		agendaOf(this.#doc).get(id)?.set('order', orderBetween(before, after));
	}

	addDecision(agendaItemId: string, text: string, leadOrgId: string | null, supportingOrgIds: string[]): string {
		const id = crypto.randomUUID();
		addDecision(this.#doc, { id, agendaItemId, text, leadOrgId, supportingOrgIds });
		return id;
	}

	updateDecision(id: string, fields: Partial<Pick<Decision, 'text' | 'leadOrgId' | 'supportingOrgIds'>>) {
		const d = decisionsOf(this.#doc).get(id);
		if (d) this.#doc.transact(() => Object.entries(fields).forEach(([k, v]) => d.set(k, v)));
	}

	removeDecision(id: string) {
		removeDecision(this.#doc, id);
	}

	addAction(draft: Omit<ActionDraft, 'id'>): string {
		const id = crypto.randomUUID();
		addAction(this.#doc, { id, ...draft });
		return id;
	}

	removeAction(id: string) {
		removeAction(this.#doc, id);
	}

	setAttendance(orgId: string, status: AttendanceStatus) {
		setAttendance(this.#doc, orgId, status);
	}

	setDeparture(orgId: string, left: boolean) {
		setDeparture(this.#doc, orgId, left ? Date.now() : null);
	}

	setReportBack(actionItemId: string, text: string) {
		setReportBack(this.#doc, actionItemId, text);
	}

	startTimer(itemId: string) {
		startTimer(this.#doc, itemId);
	}

	pauseTimer(itemId: string) {
		pauseTimer(this.#doc, itemId);
	}

	destroy() {
		for (const stop of this.#stop) stop();
	}
}
