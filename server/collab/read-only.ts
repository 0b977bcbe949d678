import * as Y from 'yjs';

/**
 * True when a decoded update holds anything the document lacks: structs
 * beyond its state vector, or deletions it has not applied. A read-only
 * client answers every sync with a step 2 of its whole delete set; only a
 * real edit counts as refused.
 */
export function carriesNewContent(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>): boolean {
	for (const struct of decoded.structs) {
		if (struct instanceof Y.Skip) continue;
		if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
	}
	if (decoded.ds.clients.size === 0) return false;
	const known = Y.createDeleteSetFromStructStore(doc.store);
	for (const [client, ranges] of decoded.ds.clients) {
		const deleted = known.clients.get(client) ?? [];
		for (const r of ranges) if (!covered(deleted, r.clock, r.len)) return true;
	}
	return false;
}

/** Whether [clock, clock+len) lies inside one of the sorted, merged ranges. */
function covered(ranges: { clock: number; len: number }[], clock: number, len: number): boolean {
	let lo = 0;
	let hi = ranges.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const r = ranges[mid]!;
		if (r.clock + r.len <= clock) lo = mid + 1;
		else if (r.clock > clock) hi = mid - 1;
		else return clock + len <= r.clock + r.len;
	}
	return false;
}
