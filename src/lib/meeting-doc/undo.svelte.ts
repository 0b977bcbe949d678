import * as Y from 'yjs';
import { actionsOf, agendaOf, attendanceOf, decisionsOf, removedOf, timersOf } from './schema';

/**
 * One person's own undo in the meeting document: only the changes made
 * through their MeetingDocState (its origin), never anyone else's, so an undo
 * never takes back what another participant did. Notes have the editor's own
 * undo; report-backs are left out, since undoing a new one would remove its
 * entry, which only the server may do.
 *
 * Every undo is an ordinary change the server checks like any other: undoing
 * an entity this person added removes it, which a member may do only on the
 * connection that added it (MeetingSession clears a member's steps when the
 * connection changes).
 */
export class MeetingUndo {
	canUndo = $state(false);
	canRedo = $state(false);

	readonly #manager: Y.UndoManager;
	/** The group of the removal being made right now, to mark the step it becomes. */
	#removing: string | null = null;

	constructor(doc: Y.Doc, origin: unknown) {
		this.#manager = new Y.UndoManager([agendaOf(doc), decisionsOf(doc), actionsOf(doc), removedOf(doc), attendanceOf(doc), timersOf(doc)], {
			trackedOrigins: new Set([origin])
		});
		this.#manager.on('stack-item-added', ({ stackItem, type }: { stackItem: { meta: Map<string, unknown> }; type: 'undo' | 'redo' }) => {
			if (type === 'undo' && this.#removing) stackItem.meta.set('removal', this.#removing);
			this.#refresh();
		});
		this.#manager.on('stack-item-popped', () => this.#refresh());
		this.#manager.on('stack-cleared', () => this.#refresh());
	}

	#refresh() {
		this.canUndo = this.#manager.canUndo();
		this.canRedo = this.#manager.canRedo();
	}

	/**
	 * Runs a removal as an undo step of its own, so "undo" right after it
	 * takes back exactly the removal. `scope` adds what the removal clears
	 * beyond the tracked maps (an agenda item's notes).
	 */
	removal(group: string, remove: () => void, scope: Y.AbstractType<unknown>[] = []) {
		if (scope.length) this.#manager.addToScope(scope);
		this.#manager.stopCapturing();
		this.#removing = group;
		try {
			remove();
		} finally {
			this.#removing = null;
			this.#manager.stopCapturing();
		}
	}

	/** Takes back the removal of `group` when it is still this person's latest step; false otherwise. */
	undoRemoval(group: string): boolean {
		const latest = this.#manager.undoStack.at(-1);
		if (latest?.meta.get('removal') !== group) return false;
		this.#manager.undo();
		return true;
	}

	undo() {
		this.#manager.undo();
	}

	redo() {
		this.#manager.redo();
	}

	/** Forgets every step (after the connection changed, or when starting over from the server). */
	clear() {
		this.#manager.clear();
	}

	destroy() {
		this.#manager.destroy();
	}
}
