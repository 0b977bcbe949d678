import * as Y from 'yjs';

/**
 * What an update would do to a document, read from the update itself and the
 * document's current state before anything is applied: which shared values it
 * inserts or deletes, where (the top-level name and the map keys down to the
 * value), and whether the document has everything it depends on. The access
 * rules judge these changes (server/access/meeting-changes.ts); Yjs alone
 * would let any writer change anything.
 */

export interface Change {
	op: 'insert' | 'delete';
	/** Top-level name of the shared type the change lands in. */
	root: string;
	/** Map keys from the root down to the changed value; null for a position in a sequence (text, array, XML). */
	path: (string | null)[];
	/** An inserted plain value (the first, for a run of them). */
	value?: unknown;
	/** An inserted shared type: 'map', 'array', 'text', 'xml'. */
	type?: string;
}

export type Analysis =
	| {
			complete: true;
			changes: Change[];
			/** Clients whose new content the update carries: whoever writes under one owns it in this document. */
			clients: number[];
			/** Structs of the document the update's deletions made the server look at: its share of the work. */
			visited: number;
	  }
	/** The update depends on content the document does not have: applying it would leave it pending. */
	| { complete: false; reason: string };

type Struct = Y.Item | Y.GC | Y.Skip;

/** Structs of the document one update may make the server look at; a larger sweep is refused. */
export const MAX_VISITED = 100_000;
type Place = { root: string; path: (string | null)[] } | null;

function typeName(content: Y.ContentType): string {
	const t = content.type;
	if (t instanceof Y.XmlFragment || t instanceof Y.XmlText || t instanceof Y.XmlHook) return 'xml';
	if (t instanceof Y.Map) return 'map';
	if (t instanceof Y.Array) return 'array';
	if (t instanceof Y.Text) return 'text';
	return 'unknown';
}

/** The structs an update carries, by client, in clock order. */
function indexByClient(structs: Struct[]): Map<number, Struct[]> {
	const byClient = new Map<number, Struct[]>();
	for (const s of structs) {
		const list = byClient.get(s.id.client);
		if (list) list.push(s);
		else byClient.set(s.id.client, [s]);
	}
	for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
	return byClient;
}

export function analyseUpdate(doc: Y.Doc, decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } }): Analysis {
	const store = doc.store;
	const byClient = indexByClient(decoded.structs);
	/** Per client: the clock one past the update's last struct. */
	const updateEnd = new Map<number, number>();
	const updateStart = new Map<number, number>();

	for (const [client, list] of byClient) {
		const state = Y.getState(store, client);
		let expected = list[0]!.id.clock;
		if (expected > state) return { complete: false, reason: 'gap before the first struct' };
		for (const s of list) {
			if (s instanceof Y.Skip || s.id.clock !== expected) return { complete: false, reason: 'gap between structs' };
			expected = s.id.clock + s.length;
		}
		updateStart.set(client, list[0]!.id.clock);
		updateEnd.set(client, expected);
	}

	const inDoc = (id: Y.ID) => id.clock < Y.getState(store, id.client);
	const inUpdate = (id: Y.ID) => {
		const start = updateStart.get(id.client);
		return start !== undefined && id.clock >= start && id.clock < updateEnd.get(id.client)!;
	};
	const known = (id: Y.ID | null) => id === null || inDoc(id) || inUpdate(id);

	/** The new structs: what the document lacks. */
	const fresh: Y.Item[] = [];
	for (const [client, list] of byClient) {
		const state = Y.getState(store, client);
		for (const s of list) {
			if (s.id.clock + s.length <= state || !(s instanceof Y.Item)) continue;
			// The part of a struct the document already has is skipped by Yjs; the rest depends on it.
			if (!known(s.origin) || !known(s.rightOrigin)) return { complete: false, reason: 'missing neighbour' };
			if (s.parent instanceof Y.ID && !known(s.parent)) return { complete: false, reason: 'missing parent' };
			fresh.push(s);
		}
	}
	for (const [client, ranges] of decoded.ds.clients) {
		const end = Math.max(Y.getState(store, client), updateEnd.get(client) ?? 0);
		for (const r of ranges) if (r.clock + r.len > end) return { complete: false, reason: 'deletion of unknown content' };
	}

	const findInUpdate = (id: Y.ID): Struct | undefined => {
		const list = byClient.get(id.client);
		if (!list) return undefined;
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const s = list[mid]!;
			if (s.id.clock + s.length <= id.clock) lo = mid + 1;
			else if (s.id.clock > id.clock) hi = mid - 1;
			else return s;
		}
		return undefined;
	};
	const find = (id: Y.ID): Struct | undefined => (inDoc(id) ? (Y.getItem(store, id) as Struct) : findInUpdate(id));

	if (!integrable(fresh, byClient, inDoc, findInUpdate)) return { complete: false, reason: 'dependencies out of order' };

	const places = new Map<Struct, Place>();
	const typePlace = (type: Y.AbstractType<unknown>): Place => {
		if (type._item) return placeOf(type._item);
		const root = Y.findRootTypeKey(type);
		return { root, path: [] };
	};
	/**
	 * Where a struct sits. An integrated item knows its parent type; a new one
	 * names its parent only when it has no neighbours, and otherwise sits
	 * beside its origin. Chains of new neighbours are walked without recursion.
	 */
	function placeOf(start: Struct): Place {
		const chain: Struct[] = [];
		let s: Struct | undefined = start;
		let found: Place | undefined;
		while (s) {
			const cached = places.get(s);
			if (cached !== undefined) {
				found = cached;
				break;
			}
			if (!(s instanceof Y.Item)) {
				// Collected content: whatever lands beside it is collected too.
				found = null;
				break;
			}
			if (s.parent instanceof Y.AbstractType) {
				const parent = typePlace(s.parent);
				found = parent && { root: parent.root, path: [...parent.path, s.parentSub] };
				break;
			}
			if (typeof s.parent === 'string') {
				found = { root: s.parent, path: [s.parentSub] };
				break;
			}
			if (s.parent instanceof Y.ID) {
				const holder = find(s.parent);
				const parent = holder ? placeOf(holder) : null;
				found = parent && { root: parent.root, path: [...parent.path, s.parentSub] };
				break;
			}
			chain.push(s);
			const neighbour: Y.ID | null = s.origin ?? s.rightOrigin;
			s = neighbour ? find(neighbour) : undefined;
		}
		const place = found ?? null;
		for (const c of chain) places.set(c, place);
		places.set(start, place);
		return place;
	}

	const changes: Change[] = [];
	for (const item of fresh) {
		const place = placeOf(item);
		if (!place) continue;
		// A value written under a map key replaces the live one there, with no entry in the delete set.
		// (A map write names its key only when it has no neighbour; the place says it either way.)
		const underKey = typeof place.path[place.path.length - 1] === 'string';
		const replaced = underKey ? liveValueAt(doc, place) : null;
		if (replaced) changes.push({ op: 'delete', root: place.root, path: place.path });
		if (item.content instanceof Y.ContentDeleted) continue;
		changes.push(describe(item, place, underKey));
	}

	let visited = 0;
	for (const [client, ranges] of decoded.ds.clients) {
		const structs = store.clients.get(client);
		if (!structs) continue;
		const state = Y.getState(store, client);
		for (const r of ranges) {
			const end = Math.min(r.clock + r.len, state);
			if (r.clock >= end) continue;
			for (let i = Y.findIndexSS(structs, r.clock); i < structs.length; i++) {
				const s = structs[i]!;
				if (s.id.clock >= end) break;
				if (++visited > MAX_VISITED) return { complete: true, changes: [], clients: [], visited };
				if (!(s instanceof Y.Item) || s.deleted) continue;
				const place = placeOf(s);
				if (place) changes.push({ op: 'delete', root: place.root, path: place.path });
			}
		}
	}
	const clients = [...new Set(fresh.map((item) => item.id.client))];
	return { complete: true, changes, clients, visited };
}

/** What an inserted struct carries, for the rules to judge. */
function describe(item: Y.Item, place: { root: string; path: (string | null)[] }, underKey: boolean): Change {
	const change: Change = { op: 'insert', root: place.root, path: place.path };
	const content = item.content;
	if (content instanceof Y.ContentType) change.type = typeName(content);
	else if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
		// A map keeps the last of several values; stock clients write one. Judge one or refuse.
		if (underKey && content.arr.length !== 1) change.type = 'unsupported';
		else change.value = content.arr[0];
	} else if (content instanceof Y.ContentString) change.value = content.str;
	else if (content instanceof Y.ContentFormat) change.value = { format: content.key, value: content.value };
	else change.type = 'unsupported';
	return change;
}

/** The live value a map key holds now, following the place's keys from its root. */
function liveValueAt(doc: Y.Doc, place: { root: string; path: (string | null)[] }): Y.Item | null {
	let type = doc.share.get(place.root) as Y.AbstractType<unknown> | undefined;
	for (let i = 0; i < place.path.length; i++) {
		const key = place.path[i];
		if (!type || typeof key !== 'string') return null;
		const item = type._map.get(key);
		if (!item || item.deleted) return null;
		if (i === place.path.length - 1) return item;
		type = item.content instanceof Y.ContentType ? (item.content.type as Y.AbstractType<unknown>) : undefined;
	}
	return null;
}

/**
 * Whether Yjs can integrate every new struct: what each one needs (its
 * neighbours, its parent, the struct before it from the same client) must be
 * in the document or integrable before it. A reference forward in the same
 * client's run, or a cycle across clients, would leave content pending.
 */
function integrable(fresh: Y.Item[], byClient: Map<number, Struct[]>, inDoc: (id: Y.ID) => boolean, findInUpdate: (id: Y.ID) => Struct | undefined): boolean {
	const isFresh = new Set<Struct>(fresh);
	const position = new Map<Struct, number>();
	for (const list of byClient.values()) list.forEach((s, i) => position.set(s, i));
	const needs = (s: Y.Item): Struct[] => {
		const out: Struct[] = [];
		for (const id of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null]) {
			if (!id || inDoc(id)) continue;
			const dep = findInUpdate(id);
			if (dep && dep !== s && isFresh.has(dep)) out.push(dep);
			else if (dep === s) out.push(s);
		}
		const at = position.get(s)!;
		const before = at > 0 ? byClient.get(s.id.client)![at - 1]! : undefined;
		if (before && isFresh.has(before)) out.push(before);
		return out;
	};
	for (const s of fresh) {
		for (const id of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null]) {
			if (id && !inDoc(id) && id.client === s.id.client && id.clock >= s.id.clock) return false;
		}
	}
	const state = new Map<Struct, 1 | 2>();
	for (const start of fresh) {
		if (state.has(start)) continue;
		const stack: { s: Y.Item; deps: Struct[]; next: number }[] = [{ s: start, deps: needs(start), next: 0 }];
		state.set(start, 1);
		while (stack.length) {
			const top = stack[stack.length - 1]!;
			if (top.next >= top.deps.length) {
				state.set(top.s, 2);
				stack.pop();
				continue;
			}
			const dep = top.deps[top.next++]!;
			const seen = state.get(dep);
			if (seen === 1) return false;
			if (seen === 2 || !(dep instanceof Y.Item)) continue;
			state.set(dep, 1);
			stack.push({ s: dep, deps: needs(dep), next: 0 });
		}
	}
	return true;
}
