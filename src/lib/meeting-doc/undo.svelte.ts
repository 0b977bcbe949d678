import * as Y from 'yjs';
import { actionsOf, agendaOf, attendanceOf, decisionsOf, plain, removedOf, timersOf, type RemovedKind } from './schema';

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
 *
 * SQL lets a row go only when the document holds its tombstone
 * (docs/meeting-document.md), so an undo that takes away an agenda item,
 * decision or action item leaves its tombstone in the same change, as a
 * deletion would; a redo brings it back and clears it again. The server
 * judges the tombstone with the removal it comes with.
 */
export class MeetingUndo {
	canUndo = $state(false);
	canRedo = $state(false);

	readonly #manager: Y.UndoManager;
	/** The group of the removal being made right now, to mark the step it becomes. */
	#removing: string | null = null;
	readonly #doc: Y.Doc;
	readonly #tombstones: { by: string | null } | null;
	readonly #kinds: Map<unknown, RemovedKind>;
	/** Fields of the entities an undo or redo is taking away, read before their fields go. */
	#taking = new Map<string, Record<string, unknown>>();

	/** `tombstones`: leave one for what an undo or redo takes away (the officers'); null to leave none. */
	constructor(doc: Y.Doc, origin: unknown, tombstones: { by: string | null } | null = null) {
		this.#doc = doc;
		this.#tombstones = tombstones;
		this.#kinds = new Map<unknown, RemovedKind>([
			[agendaOf(doc), 'agenda_item'],
			[decisionsOf(doc), 'decision'],
			[actionsOf(doc), 'action']
		]);
		this.#manager = new Y.UndoManager([agendaOf(doc), decisionsOf(doc), actionsOf(doc), removedOf(doc), attendanceOf(doc), timersOf(doc)], {
			trackedOrigins: new Set([origin]),
			// Runs inside the undo's own transaction, children before their parents.
			deleteFilter: (item) => {
				if (this.#tombstones) this.#leaveTombstone(item);
				return true;
			}
		});
		this.#manager.on('stack-item-added', ({ stackItem, type }: { stackItem: { meta: Map<string, unknown> }; type: 'undo' | 'redo' }) => {
			if (type === 'undo' && this.#removing) stackItem.meta.set('removal', this.#removing);
			this.#refresh();
		});
		this.#manager.on('stack-item-popped', () => this.#refresh());
		this.#manager.on('stack-cleared', () => this.#refresh());
	}

	/** The entity an item is (an entry of agenda, decisions or actions) or is a field of. */
	#entityOf(item: Y.Item): { kind: RemovedKind; id: string; map: Y.Map<unknown>; whole: boolean } | null {
		const parent = item.parent;
		if (!(parent instanceof Y.AbstractType)) return null;
		const kind = this.#kinds.get(parent);
		if (kind && item.parentSub && item.content instanceof Y.ContentType && item.content.type instanceof Y.Map) {
			return { kind, id: item.parentSub, map: item.content.type, whole: true };
		}
		const owner = parent._item;
		const ownerKind = owner?.parent instanceof Y.AbstractType ? this.#kinds.get(owner.parent) : undefined;
		if (owner && ownerKind && owner.parentSub && parent instanceof Y.Map) return { kind: ownerKind, id: owner.parentSub, map: parent, whole: false };
		return null;
	}

	#leaveTombstone(item: Y.Item) {
		const entity = this.#entityOf(item);
		if (!entity) return;
		if (!this.#taking.has(entity.id)) this.#taking.set(entity.id, plain(entity.map));
		// A removal's own tombstone came back with the redo (or stays for the undo of a restore): keep it.
		if (!entity.whole || removedOf(this.#doc).has(entity.id)) return;
		const tombstone = new Y.Map<unknown>();
		const fields = { kind: entity.kind, entity: this.#taking.get(entity.id)!, group: entity.id, removedAt: Date.now(), removedBy: this.#tombstones!.by };
		for (const [k, v] of Object.entries(fields)) tombstone.set(k, v);
		removedOf(this.#doc).set(entity.id, tombstone);
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
		this.undo();
		return true;
	}

	undo() {
		this.#taking.clear();
		this.#manager.undo();
	}

	redo() {
		this.#taking.clear();
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
