import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutcomeFigures } from '../db/schema-cases';
import { narrowBounds, primary, shownPercent, SMALL, suppress, TableBuilder, WITHHELD, type Relation, type Shown, type Table } from './suppress';
import { HEADLINES, layout, reportTables, rollUpTable, rollUpTotals } from './tables';

/**
 * The reader, done exactly: every integer assignment consistent with the shown
 * values and the sums, searched with backtracking. A hidden entry is recovered
 * when its true value is the only one any consistent assignment allows. This
 * search is written apart from the module's own (which moves entries by one at
 * most), sharing only the narrowing of ranges by the sums, so it can catch it out.
 */
function recoverable(shown: Shown[], relations: Relation[], truth: number[], hidden: Set<number>): number[] {
	const cap = truth.reduce((a, b) => a + b, 0) + 3 * 5 + 10;
	const start = shown.map((s, i): [number, number] => (hidden.has(i) ? [0, cap] : s === SMALL ? [1, 4] : s === WITHHELD ? [1, cap] : [s, s]));
	const narrow = (d: [number, number][]) => narrowBounds(relations, d);
	const feasible = (d: [number, number][]): boolean => {
		if (!narrow(d)) return false;
		let pick = -1;
		for (let i = 0; i < d.length; i++) if (d[i]![0] < d[i]![1] && (pick < 0 || d[i]![1] - d[i]![0] < d[pick]![1] - d[pick]![0])) pick = i;
		if (pick < 0) return relations.every((r) => d[r.total]![0] === r.parts.reduce((a, p) => a + d[p]![0], 0));
		for (let v = d[pick]![0]; v <= d[pick]![1]; v++) {
			const next = d.map((x) => [x[0], x[1]] as [number, number]);
			next[pick] = [v, v];
			if (feasible(next)) return true;
		}
		return false;
	};
	const out: number[] = [];
	shown.forEach((s, i) => {
		if (hidden.has(i) || (s !== SMALL && s !== WITHHELD)) return;
		const [lo, hi] = start[i]!;
		let other = false;
		for (let v = lo; v <= hi && !other; v++) {
			if (v === truth[i]) continue;
			const d = start.map((x) => [x[0], x[1]] as [number, number]);
			d[i] = [v, v];
			other = feasible(d);
		}
		if (!other) out.push(i);
	});
	return out;
}

/**
 * Every count shown is true to the raw one, no small count (1 to 4) can be
 * worked out, and nothing newly withheld could have been worked out anyway.
 */
function expectSafe(table: Table, shown: Shown[]) {
	const hidden = new Set(table.hidden ?? []);
	shown.forEach((s, i) => {
		if (hidden.has(i)) return;
		const v = table.values[i]!;
		if (table.fixed?.has(i)) expect(s).toBe(table.fixed.get(i));
		else if (s === SMALL) expect(v >= 1 && v <= 4).toBe(true);
		else if (s === WITHHELD) expect(v).toBeGreaterThanOrEqual(1);
		else expect(s).toBe(v);
		if (v >= 1 && v <= 4) expect([SMALL, WITHHELD]).toContain(s);
	});
	const worked = recoverable(shown, table.relations, table.values, hidden);
	expect(worked.filter((i) => table.values[i]! < 5)).toEqual([]);
	expect(worked.filter((i) => !table.fixed?.has(i))).toEqual([]);
}

const count = fc.oneof(
	{ weight: 2, arbitrary: fc.constant(0) },
	{ weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) },
	{ weight: 3, arbitrary: fc.integer({ min: 5, max: 25 }) }
);

function row(cells: number[]): Table {
	const t = new TableBuilder();
	t.addTotal(cells.map((c) => t.add(c)));
	return t.table();
}

function grid(rows: number[][]): Table {
	const t = new TableBuilder();
	const ids = rows.map((r) => r.map((c) => t.add(c)));
	const rowTotals = ids.map((r) => t.addTotal(r));
	const colTotals = ids[0]!.map((_, j) => t.addTotal(ids.map((r) => r[j]!)));
	const grand = t.addTotal(rowTotals);
	t.relate(grand, colTotals);
	return t.table();
}

describe('small-count suppression', () => {
	it('shows 0 as 0, 1 to 4 as "<5", and 5 or more exactly', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 120].map(primary)).toEqual([0, SMALL, SMALL, SMALL, SMALL, 5, 6, 120]);
		expect(() => primary(-1)).toThrow(RangeError);
		expect(() => primary(2.5)).toThrow(RangeError);
		fc.assert(
			fc.property(fc.nat(), (n) => {
				const s = primary(n);
				return n === 0 ? s === 0 : n < 5 ? s === SMALL : s === n;
			})
		);
	});

	it('withholds the next-smallest count when a total would give a single small count away', () => {
		// 12 + ? = 13 would reveal the 1.
		expect(suppress(row([12, 1]))).toEqual([WITHHELD, SMALL, 13]);
		// Two small counts of 1 each: the total 2 is itself small.
		expect(suppress(row([1, 1]))).toEqual([SMALL, SMALL, SMALL]);
		// 1 + 1 + 6 = 8 would pin both small counts to 1.
		expect(suppress(row([1, 1, 6]))).toEqual([SMALL, SMALL, WITHHELD, 8]);
	});

	it('withholds a small total when four small counts under it would each be pinned to 1', () => {
		// Four cells of at least 1 under a total of at most 4: every one is 1.
		expect(suppress(row([1, 1, 1, 1, 0]))).toEqual([SMALL, SMALL, SMALL, SMALL, 0, WITHHELD]);
	});

	it('is checked by a reader who does catch a total that gives a small count away', () => {
		const leaky = row([12, 1]);
		const naive = leaky.values.map(primary);
		expect(naive).toEqual([12, SMALL, 13]);
		expect(recoverable(naive, leaky.relations, leaky.values, new Set())).toEqual([1]);
		// Across rows and columns: the small cell's row total is shown, and its column gives it away too.
		const cross = grid([
			[2, 9],
			[7, 8]
		]);
		expect(recoverable(cross.values.map(primary), cross.relations, cross.values, new Set())).toEqual([0]);
	});

	it('changes nothing when no count is small, and never hides a zero', () => {
		expect(suppress(row([0, 7, 9]))).toEqual([0, 7, 9, 16]);
		expect(suppress(row([0, 3, 0]))).toEqual([0, SMALL, 0, SMALL]);
	});

	it('protects one row with its total, whatever the counts', () => {
		fc.assert(
			fc.property(fc.array(count, { minLength: 1, maxLength: 7 }), (cells) => {
				const t = row(cells);
				expectSafe(t, suppress(t));
			}),
			{ numRuns: 400 }
		);
	});

	it('protects a cross-table with row, column and grand totals', () => {
		const table = fc
			.integer({ min: 1, max: 4 })
			.chain((r) => fc.integer({ min: 1, max: 4 }).chain((c) => fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })));
		fc.assert(
			fc.property(table, (rows) => {
				const t = grid(rows);
				expectSafe(t, suppress(t));
			}),
			{ numRuns: 250 }
		);
	});

	it('protects two breakdowns that share one total (intake by channel and by kind)', () => {
		fc.assert(
			fc.property(fc.array(count, { minLength: 2, maxLength: 5 }), fc.array(count, { minLength: 2, maxLength: 3 }), (a, b0) => {
				// Make the second breakdown add up to the same total as the first.
				const total = a.reduce((x, y) => x + y, 0);
				const b = b0.slice(0, -1);
				const rest = total - b.reduce((x, y) => x + y, 0);
				if (rest < 0) return;
				b.push(rest);
				const t = new TableBuilder();
				const sum = t.addTotal(a.map((c) => t.add(c)));
				t.relate(
					sum,
					b.map((c) => t.add(c))
				);
				const built = t.table();
				expectSafe(built, suppress(built));
			}),
			{ numRuns: 250 }
		);
	});

	it('protects completed out of total per row, with the not-completed counts never shown', () => {
		const pair = fc.tuple(count, count).map(([done, rest]) => ({ done, total: done + rest }));
		fc.assert(
			fc.property(fc.array(pair, { minLength: 1, maxLength: 4 }), (rows) => {
				const t = new TableBuilder();
				const totals: number[] = [],
					dones: number[] = [],
					rests: number[] = [];
				for (const r of rows) {
					const total = t.add(r.total),
						done = t.add(r.done),
						rest = t.addHidden(r.total - r.done);
					t.relate(total, [done, rest]);
					totals.push(total);
					dones.push(done);
					rests.push(rest);
				}
				const all = t.addTotal(totals),
					allDone = t.addTotal(dones),
					allRest = t.addHidden(rows.reduce((a, r) => a + r.total - r.done, 0));
				t.relate(allRest, rests);
				t.relate(all, [allDone, allRest]);
				const built = t.table();
				expectSafe(built, suppress(built));
			}),
			{ numRuns: 250 }
		);
	});

	it('adds totals across districts without revealing what each district already hid', () => {
		fc.assert(
			fc.property(fc.array(fc.array(count, { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (districts) => {
				// Each district published its own row; the roll-up may only withhold its new totals.
				const t = new TableBuilder();
				const heads: number[] = [];
				for (const cells of districts) {
					const own = row(cells);
					const shown = suppress(own);
					const ids = cells.map((c, k) => t.add(c, shown[k]));
					const head = t.add(own.values[cells.length]!, shown[cells.length]);
					t.relate(head, ids);
					heads.push(head);
				}
				t.addTotal(heads);
				const built = t.table();
				expectSafe(built, suppress(built));
			}),
			{ numRuns: 250 }
		);
	});

	it('adds two totals across districts that come from the same breakdown (referrals made and completed)', () => {
		fc.assert(
			fc.property(fc.array(fc.array(count, { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (districts) => {
				const t = new TableBuilder();
				const made: number[] = [],
					completed: number[] = [];
				for (const cells of districts) {
					const own = row(cells);
					const shown = suppress(own);
					const ids = cells.map((c, k) => t.add(c, shown[k]));
					const head = t.add(own.values[cells.length]!, shown[cells.length]);
					t.relate(head, ids);
					made.push(head);
					completed.push(ids[0]!);
				}
				t.addTotal(made);
				t.addTotal(completed);
				const built = t.table();
				expectSafe(built, suppress(built));
			}),
			{ numRuns: 250 }
		);
	});

	it('never changes a count that was already published', () => {
		const t = new TableBuilder();
		const a = t.add(3, SMALL),
			b = t.add(9, 9);
		t.addTotal([a, b]);
		expect(suppress(t.table())).toEqual([SMALL, 9, WITHHELD]);
	});

	it('gives a percentage only when both counts are shown exactly', () => {
		expect(shownPercent(5, 10)).toBe(50);
		expect(shownPercent(0, 7)).toBe(0);
		expect(shownPercent(SMALL, 10)).toBeNull();
		expect(shownPercent(6, WITHHELD)).toBeNull();
		expect(shownPercent(0, 0)).toBeNull();
	});

	const figures: fc.Arbitrary<OutcomeFigures> = fc
		.record({
			categories: fc.array(count, { minLength: 8, maxLength: 8 }),
			statuses: fc.array(count, { minLength: 4, maxLength: 4 }),
			referrals: fc.array(count, { minLength: 5, maxLength: 5 }),
			actions: fc.array(fc.tuple(count, count), { maxLength: 3 }),
			channels: fc.array(count, { minLength: 5, maxLength: 5 }),
			kindSplit: fc.array(fc.nat(), { minLength: 3, maxLength: 3 })
		})
		.map((g) => {
			const keys = (ks: string[], xs: number[]) => Object.fromEntries(ks.map((k, i) => [k, xs[i]!]));
			const received = g.channels.reduce((a, b) => a + b, 0);
			// Split the same reports by kind.
			const weights = g.kindSplit.map((w) => w + 1),
				all = weights.reduce((a, b) => a + b, 0);
			const tip = Math.floor((received * weights[0]!) / all),
				complaint = Math.floor((received * weights[1]!) / all);
			const opened = g.categories.reduce((a, b) => a + b, 0);
			const statuses = g.statuses.slice();
			statuses[0] = statuses[0]! + Math.max(0, opened - statuses.reduce((a, b) => a + b, 0));
			const [sent, accepted, inProgress, declined, completed] = g.referrals as [number, number, number, number, number];
			return {
				casesByCategory: keys(
					['sexual_exploitation', 'labour_trafficking', 'rape', 'sexual_assault', 'sexual_harassment', 'rights_violation', 'high_vulnerability', 'other'],
					g.categories
				),
				casesByStatus: keys(['open', 'in_care', 'returned_home', 'closed'], statuses),
				casesOpened: opened,
				referralsByStatus: { sent, accepted, in_progress: inProgress, declined, completed },
				referralOutcomes: { completed, declined, pending: sent + accepted + inProgress },
				actionsByOrganisation: g.actions.map(([closed, open], i) => ({
					organisationId: `org-${i}`,
					name_th: `หน่วย ${i}`,
					name_en: `Org ${i}`,
					total: closed + open,
					closed
				})),
				intakeByChannel: keys(['web', 'postal_box', 'telephone', 'watchdog', 'walk_in'], g.channels),
				intakeByKind: { tip, complaint, help_request: received - tip - complaint }
			};
		});

	it('protects a whole report: every breakdown, its totals and the links between them', () => {
		fc.assert(
			fc.property(figures, (f) => {
				const b = new TableBuilder();
				const at = layout(b, f);
				const t = b.table();
				const shown = suppress(t);
				expectSafe(t, shown);
				// The view is read from the same suppression.
				const { headline } = reportTables(f);
				for (const k of HEADLINES) expect(headline[k]).toBe(shown[at.headline[k]]);
			}),
			{ numRuns: 60 }
		);
	});

	it('gives each district in a roll-up exactly as its own report, and totals that reveal nothing more', () => {
		fc.assert(
			fc.property(fc.array(figures, { minLength: 1, maxLength: 3 }), (reports) => {
				const { districts, total } = rollUpTotals(reports);
				reports.forEach((f, i) => expect(districts[i]).toEqual(reportTables(f).headline));
				for (const k of HEADLINES) {
					const raw = reports.reduce((a, f) => a + layoutValue(f, k), 0);
					const s = total[k];
					if (typeof s === 'number') expect(s).toBe(raw);
					else if (s === SMALL) expect(raw >= 1 && raw <= 4).toBe(true);
					else expect(raw).toBeGreaterThan(0);
				}
				const whole = rollUpTable(reports);
				expectSafe(whole.table, whole.shown);
			}),
			{ numRuns: 60 }
		);
	});
});

function layoutValue(f: OutcomeFigures, k: (typeof HEADLINES)[number]): number {
	const b = new TableBuilder();
	const at = layout(b, f);
	return b.values[at.headline[k]]!;
}
