import * as Y from 'yjs';

/**
 * A comment's anchor: the Yjs relative position of one top-level block of the
 * draft, so it follows the block when others add or remove blocks above it.
 * The same code reads anchors in the browser and on the server.
 */

/** The anchor of the block at `index`. */
export function blockAnchor(fragment: Y.XmlFragment, index: number): Uint8Array {
	return Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(fragment, index));
}

/**
 * Where an anchored block is now; null when the anchor is unreadable, points
 * outside the fragment, or its block was deleted (a relative position would
 * then point at whatever follows, which is not what the comment was about).
 */
export function blockIndex(doc: Y.Doc, fragment: Y.XmlFragment, anchor: Uint8Array): number | null {
	try {
		const position = Y.decodeRelativePosition(anchor);
		const at = Y.createAbsolutePositionFromRelativePosition(position, doc);
		if (!at || at.type !== fragment || at.index >= fragment.length) return null;
		// The block there now is the anchored one only if it is the very item the anchor names.
		const there = Y.createRelativePositionFromTypeIndex(fragment, at.index).item;
		return position.item && there && Y.compareIDs(there, position.item) ? at.index : null;
	} catch {
		return null;
	}
}
