import * as Y from 'yjs';
import { connectDocument, type CollabClient } from '$lib/collab/client';
import { notesOf, type RemovedKind } from './schema';
import { MeetingDocState } from './state.svelte';
import { MeetingUndo } from './undo.svelte';

/**
 * One opening of a meeting's live document: its Y.Doc, the connection, the
 * reactive state and this person's undo. When the server refuses a change,
 * the workspace throws the whole session away and opens a new one, which
 * starts again from the server's state.
 */
export class MeetingSession {
	readonly doc = new Y.Doc();
	readonly client: CollabClient;
	readonly live: MeetingDocState;
	readonly undo: MeetingUndo;
	readonly #stop: () => void;

	/** `keep`: also keep the document on this device; never for a case conference. */
	constructor(meetingId: string, me: string, officer: boolean, keep = false) {
		this.client = connectDocument(`meeting:${meetingId}`, this.doc, { keep });
		this.live = new MeetingDocState(this.doc, this.client.provider.awareness, me);
		this.undo = new MeetingUndo(this.doc, this.live.origin, { by: me });
		// A member may remove what they added only on the connection that added it, and undoing an
		// addition is such a removal: once the connection changes, their earlier steps would be refused.
		let connections = 0;
		const onStatus = ({ status }: { status: string }) => {
			if (status === 'connected' && connections++ > 0 && !officer) this.undo.clear();
		};
		this.client.provider.on('status', onStatus);
		this.#stop = () => this.client.provider.off('status', onStatus);
	}

	/** Removes an agenda item, decision or action item as one undo step of its own. */
	remove(kind: RemovedKind, id: string) {
		if (kind === 'agenda_item') this.undo.removal(id, () => this.live.removeItem(id), [notesOf(this.doc, id) as Y.AbstractType<unknown>]);
		else if (kind === 'decision') this.undo.removal(id, () => this.live.removeDecision(id));
		else this.undo.removal(id, () => this.live.removeAction(id));
	}

	/** Takes a removal back: by undo while it is this person's latest step, else from "recently deleted". */
	undoRemoval(group: string) {
		if (!this.undo.undoRemoval(group) && this.live.removed.some((r) => r.group === group)) this.live.restore(group);
	}

	destroy() {
		this.#stop();
		this.undo.destroy();
		this.live.destroy();
		this.client.destroy();
		this.doc.destroy();
	}

	/** Closes the session and deletes its device copy, which holds a change the server refused. */
	async discard() {
		this.#stop();
		this.undo.destroy();
		this.live.destroy();
		await this.client.discard();
		this.doc.destroy();
	}
}
