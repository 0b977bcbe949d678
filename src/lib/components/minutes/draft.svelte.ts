import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { blockAnchor, blockIndex } from '$lib/rich-text/anchors';

export interface Person {
	clientId: number;
	userId: string;
	name: string;
	colour: string;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The draft minutes in the browser: who else has it open (from the presence
 * the server stamps), and paragraph anchors for comments. An anchor is a Yjs
 * relative position of the paragraph, so it follows the paragraph when others
 * add or remove text above it.
 */
export class DraftState {
	present = $state<Person[]>([]);
	readonly #doc: Y.Doc;
	readonly #fragment: Y.XmlFragment;
	readonly #awareness: Awareness;
	readonly #onChange = () => this.#read();

	constructor(doc: Y.Doc, fragment: Y.XmlFragment, awareness: Awareness) {
		this.#doc = doc;
		this.#fragment = fragment;
		this.#awareness = awareness;
		awareness.on('change', this.#onChange);
		this.#read();
	}

	#read() {
		const out: Person[] = [];
		for (const [clientId, state] of this.#awareness.getStates()) {
			const user = (state as { user?: { id?: string; name?: string; colour?: string } }).user;
			if (user?.id && clientId !== this.#doc.clientID) out.push({ clientId, userId: user.id, name: user.name ?? '', colour: user.colour ?? '#888' });
		}
		this.present = out;
	}

	/** The anchor of the top-level paragraph at `index`. */
	anchorAt(index: number): string {
		return toBase64(blockAnchor(this.#fragment, index));
	}

	/** Where an anchored paragraph is now, or null when it was deleted or the anchor is unreadable. */
	indexOf(anchor: string): number | null {
		try {
			return blockIndex(this.#doc, this.#fragment, fromBase64(anchor));
		} catch {
			return null;
		}
	}

	destroy() {
		this.#awareness.off('change', this.#onChange);
	}
}
