/**
 * Small-count suppression for outcome reports. A count of 1 to 4 is shown as
 * "<5", a zero as 0, anything larger exactly. Totals make that leaky: a row
 * of 12, "<5" and a total of 13 gives the hidden 1 away. So a table is
 * described as entries linked by sums, and after the small counts are hidden
 * we play the reader: while some hidden count is the only value consistent
 * with the shown numbers and the sums, withhold one more entry that shares a
 * sum with it.
 *
 * A withheld entry is shown as "—" and tells the reader only that the count
 * is not zero. Usually it is a count of 5 or more; where no such count can
 * help (four "<5" cells under a "<5" total pin every one of them to 1), a
 * small count is withheld instead of being shown as "<5", so "—" never says
 * which it was.
 *
 * Pure: no database, no I/O. Raw counts go in, only `Shown` values come out.
 */

/** Counts below this are never shown exactly. */
export const THRESHOLD = 5;
export const SMALL = '<5' as const;
/** A non-zero count not shown at all, so that a small count cannot be worked out from it. */
export const WITHHELD = 'withheld' as const;

/** A count as a report shows it: 0 or an exact count of at least 5, "<5", or withheld ("—"). */
export type Shown = number | typeof SMALL | typeof WITHHELD;

/** The first rule alone: 0 stays 0, 1–4 becomes "<5", 5 or more is exact. */
export function primary(count: number): Shown {
	if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
	return count === 0 ? 0 : count < THRESHOLD ? SMALL : count;
}

export const isSuppressed = (s: Shown): boolean => s === SMALL || s === WITHHELD;

/** `total` is the sum of `parts` (indices into the table's entries). */
export interface Relation {
	total: number;
	parts: number[];
}

export interface Table {
	/** Raw counts, one per entry. */
	values: number[];
	relations: Relation[];
	/** Entries that exist only to state a relation (e.g. "not closed") and are never shown. */
	hidden?: readonly number[];
	/** Entries already published elsewhere: their shown value is given and never changed. */
	fixed?: ReadonlyMap<number, Shown>;
}

/** What a reader knows of an entry from how it is shown. */
function shownRange(s: Shown, hidden: boolean): [number, number] {
	if (hidden) return [0, Infinity];
	if (s === SMALL) return [1, THRESHOLD - 1];
	if (s === WITHHELD) return [1, Infinity];
	return [s, s];
}

/**
 * Tightens each entry's range `[lo, hi]` in place by what the sums allow, until
 * nothing changes; false when no assignment fits. Shared by the module's search
 * and by the tests' exhaustive reader.
 */
export function narrowBounds(relations: readonly Relation[], d: [number, number][]): boolean {
	for (let changed = true; changed;) {
		changed = false;
		for (const r of relations) {
			let lo = 0,
				hi = 0;
			for (const p of r.parts) {
				lo += d[p]![0];
				hi += d[p]![1];
			}
			const t = d[r.total]!;
			const nt: [number, number] = [Math.max(t[0], lo), Math.min(t[1], hi)];
			if (nt[0] > nt[1]) return false;
			if (nt[0] !== t[0] || nt[1] !== t[1]) {
				d[r.total] = nt;
				changed = true;
			}
			for (const p of r.parts) {
				const x = d[p]!;
				const nx: [number, number] = [Math.max(x[0], nt[0] - (hi - x[1])), Math.min(x[1], nt[1] - (lo - x[0]))];
				if (nx[0] > nx[1]) return false;
				if (nx[0] !== x[0] || nx[1] !== x[1]) {
					d[p] = nx;
					changed = true;
					lo += nx[0] - x[0];
					hi += nx[1] - x[1];
				}
			}
		}
	}
	return true;
}

/** Search effort for one entry; running out counts the entry as recoverable, which only hides more. */
const SEARCH_BUDGET = 20_000;

/**
 * Can a reader tell entry `e` exactly? Not when another assignment, consistent
 * with every shown value and every sum, gives `e` a different value. We look
 * for one that moves each entry by at most one from the true counts. For
 * tables of sums (rows, columns, sub-totals, each a total of its parts) a
 * different consistent assignment exists exactly when such a one does; for
 * anything else the search can only miss an assignment, which hides more
 * than needed, never less.
 */
function recoverableEntry(e: number, values: readonly number[], shown: readonly Shown[], relations: readonly Relation[], hidden: ReadonlySet<number>): boolean {
	const room = values.map((v, i): [number, number] => {
		const [lo, hi] = shownRange(shown[i]!, hidden.has(i));
		return [Math.max(-1, lo - v), Math.min(1, hi - v)];
	});
	let budget = SEARCH_BUDGET;
	const narrow = (d: [number, number][]) => narrowBounds(relations, d);
	const found = (d: [number, number][]): boolean => {
		if (--budget < 0 || !narrow(d)) return false;
		// Leave every entry that may stay put where it is; branch only inside a sum that then fails.
		const at = (i: number) => (d[i]![0] === d[i]![1] ? d[i]![0] : Math.min(Math.max(0, d[i]![0]), d[i]![1]));
		const broken = relations.find((r) => at(r.total) !== r.parts.reduce((a, p) => a + at(p), 0));
		if (!broken) return true;
		const open = [broken.total, ...broken.parts].find((i) => d[i]![0] < d[i]![1]);
		if (open === undefined) return false;
		for (const step of [0, -1, 1]) {
			if (step < d[open]![0] || step > d[open]![1]) continue;
			const next = d.map((x) => [x[0], x[1]] as [number, number]);
			next[open] = [step, step];
			if (found(next)) return true;
		}
		return false;
	};
	for (const step of [-1, 1]) {
		if (step < room[e]![0] || step > room[e]![1]) continue;
		const d = room.map((x) => [x[0], x[1]] as [number, number]);
		d[e] = [step, step];
		if (found(d)) return false;
		if (budget < 0) return true;
	}
	return true;
}

/** The first small count (1 to 4, shown as "<5" or withheld) that a reader could work out exactly. */
export function firstRecoverable(table: Table, shown: readonly Shown[]): number | undefined {
	const hidden = new Set(table.hidden ?? []);
	const i = shown.findIndex(
		(s, k) => !hidden.has(k) && isSuppressed(s) && table.values[k]! < THRESHOLD && recoverableEntry(k, table.values, shown, table.relations, hidden)
	);
	return i < 0 ? undefined : i;
}

/** Shows a table: small counts as "<5", plus whatever must be withheld so that none can be worked out. */
export function suppress(table: Table): Shown[] {
	const hidden = new Set(table.hidden ?? []);
	const fixed = table.fixed ?? new Map<number, Shown>();
	const shown: Shown[] = table.values.map((v, i) => (hidden.has(i) ? WITHHELD : (fixed.get(i) ?? primary(v))));
	const open = (i: number) => !hidden.has(i) && !fixed.has(i);
	// Withhold an exact count first, the smallest first; a "<5" only when no exact count is left.
	const exact = (i: number) => open(i) && typeof shown[i] === 'number' && (shown[i] as number) > 0;
	const small = (i: number) => open(i) && shown[i] === SMALL;
	const bySize = (a: number, b: number) => table.values[a]! - table.values[b]! || a - b;
	const recoverable = (i: number, view: readonly Shown[]) => recoverableEntry(i, table.values, view, table.relations, hidden);
	const frees = (pinned: number) => (c: number) => {
		const trial = shown.slice();
		trial[c] = WITHHELD;
		return !recoverable(pinned, trial);
	};

	for (let pinned = firstRecoverable(table, shown); pinned !== undefined; pinned = firstRecoverable(table, shown)) {
		const near = [...new Set(table.relations.filter((r) => r.total === pinned || r.parts.includes(pinned!)).flatMap((r) => [r.total, ...r.parts]))];
		const everywhere = shown.map((_, i) => i);
		let choice: number | undefined;
		for (const pool of [near, everywhere]) {
			const tiers = [pool.filter(exact).sort(bySize), pool.filter(small).sort(bySize)];
			choice = tiers.map((t) => t.find(frees(pinned!))).find((c) => c !== undefined) ?? tiers.flat()[0];
			if (choice !== undefined) break;
		}
		if (choice === undefined) throw new Error('a small count cannot be protected in this table');
		shown[choice] = WITHHELD;
	}

	// A withheld count the reader can work out anyway protects nothing: show it, unless that gives a small count away after all.
	for (let i = 0; i < shown.length; i++) {
		if (!open(i) || shown[i] !== WITHHELD || table.values[i]! < THRESHOLD || !recoverable(i, shown)) continue;
		shown[i] = table.values[i]!;
		if (firstRecoverable(table, shown) !== undefined) shown[i] = WITHHELD;
	}
	return shown;
}

/** A percentage, only when both counts are shown exactly (and the base is not zero). */
export function shownPercent(part: Shown, whole: Shown): number | null {
	if (typeof part !== 'number' || typeof whole !== 'number' || whole === 0) return null;
	return Math.round((part / whole) * 100);
}

/** Builds a table entry by entry; indices are what relations refer to. */
export class TableBuilder {
	readonly values: number[] = [];
	readonly relations: Relation[] = [];
	readonly hidden: number[] = [];
	readonly fixed = new Map<number, Shown>();

	add(value: number, fixed?: Shown): number {
		this.values.push(value);
		const i = this.values.length - 1;
		if (fixed !== undefined) this.fixed.set(i, fixed);
		return i;
	}

	/** An entry that is never shown but that a reader can reason about (e.g. items not closed). */
	addHidden(value: number): number {
		const i = this.add(value);
		this.hidden.push(i);
		return i;
	}

	/** A total of parts; its value is the sum of theirs. */
	addTotal(parts: number[]): number {
		const i = this.add(parts.reduce((a, p) => a + this.values[p]!, 0));
		this.relations.push({ total: i, parts });
		return i;
	}

	relate(total: number, parts: number[]): void {
		this.relations.push({ total, parts });
	}

	table(): Table {
		return { values: this.values, relations: this.relations, hidden: this.hidden, fixed: this.fixed };
	}
}
