import type { AreaLevel, OrgLevel } from '../db/schema';
import { NAME_MAX, SHORT_NAME_MAX } from '../network/admin';
import * as field from '../validate';
import { CADENCE_WORDS, KIND_WORDS, LEVEL_WORDS, SECTOR_WORDS, norm, wordToCode } from './columns';
import type { Plan, Reason, RowVerdict } from './plan-types';
import { refuse } from './plan-types';
import type { SheetRow } from './read';
import type { Snapshot } from './repository';
import { asciiDigits } from './values';

/** Names as the network's own forms take them, on one line. */
const name = field.line({ required: true, max: NAME_MAX });
const shortName = field.line({ required: true, max: SHORT_NAME_MAX });

/** Names to ids; a name two things share is ambiguous and matches neither. */
export class NameIndex {
	private map = new Map<string, string | null>();
	add(id: string, ...names: (string | null | undefined)[]) {
		for (const name of new Set(names.filter((n): n is string => !!n).map(norm))) {
			const had = this.map.get(name);
			this.map.set(name, had === undefined || had === id ? id : null);
		}
	}
	remove(id: string) {
		for (const [name, hit] of this.map) if (hit === id) this.map.delete(name);
	}
	find(name: string): { id: string } | 'unknown' | 'ambiguous' {
		const hit = this.map.get(norm(name));
		return hit === undefined ? 'unknown' : hit === null ? 'ambiguous' : { id: hit };
	}
}

/** A check's value, or its error written down against the column. */
export function take<T>(reasons: Reason[], column: string, checked: field.Checked<T>, fallback: T): T {
	if (checked.ok) return checked.value;
	reasons.push(refuse(checked.error === 'required' ? 'required' : checked.error === 'invalid' ? `invalid_${column}` : checked.error, column));
	return fallback;
}

export function phoneValue(reasons: Reason[], raw: string | undefined): string | null {
	let s = asciiDigits(raw ?? '').trim();
	// A number typed into Excel loses its leading zero: 0812345678 arrives as 812345678.
	if (/^[1-9]\d{7,8}$/.test(s)) s = `0${s}`;
	return take(reasons, 'phone', field.check(field.phone, s), null);
}

function areaIndex(snap: Snapshot) {
	const index = new NameIndex();
	for (const a of snap.areas) index.add(a.id, a.code, a.name_th, a.name_en);
	return index;
}

function verdictOf(reasons: Reason[], existing: boolean, changes: string[]): RowVerdict['verdict'] {
	return reasons.length ? 'refused' : !existing ? 'create' : changes.length ? 'update' : 'unchanged';
}

function changed<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
	return Object.keys(after).filter((k) => after[k] !== undefined && (after[k] ?? null) !== (before[k] ?? null));
}

/** Organisations: matched by Thai name, then short name. */
export function planOrganisations(rows: SheetRow[], snap: Snapshot, plan: Plan, orgs: NameIndex): void {
	const areas = areaIndex(snap);
	const byName = new NameIndex();
	for (const o of snap.organisations) byName.add(o.id, o.name_th);
	const byShort = new NameIndex();
	for (const o of snap.organisations) byShort.add(o.id, o.short_name);
	const seen = new Map<string, number>();
	for (const r of rows) {
		const reasons: Reason[] = [];
		const x = r.values;
		if (r.formula) reasons.push(refuse('formula', undefined, r.formula));
		const name_th = take(reasons, 'name_th', field.check(name, x.name_th), '');
		const name_en = take(reasons, 'name_en', field.check(name, x.name_en), '');
		const short_name = take(reasons, 'short_name', field.check(shortName, x.short_name), '');
		const sector = wordToCode(SECTOR_WORDS, x.sector ?? '');
		if (!sector) reasons.push(refuse('invalid_value', 'sector', x.sector));
		const level = wordToCode(LEVEL_WORDS, x.level ?? '') as OrgLevel | null;
		if (!level) reasons.push(refuse('invalid_value', 'level', x.level));
		let area_id: string | null = null;
		if (x.area?.trim()) {
			const a = areas.find(x.area);
			if (typeof a === 'string') reasons.push(refuse('unknown_area', 'area', x.area));
			else area_id = a.id;
		}
		const contact_phone = phoneValue(reasons, x.phone);
		const contact_email = take(reasons, 'email', field.check(field.email, x.email), null);
		const key = norm(name_th);
		if (name_th && seen.has(key)) reasons.push(refuse('duplicate_row', 'name_th', String(seen.get(key))));
		else if (name_th) seen.set(key, r.row);

		const matchTh = byName.find(name_th);
		const matchShort = byShort.find(short_name);
		const match = typeof matchTh === 'object' ? matchTh : typeof matchShort === 'object' ? matchShort : null;
		const existing = match ? snap.organisations.find((o) => o.id === match.id)! : null;
		const values = { name_th, name_en, short_name, sector: sector!, level: level!, area_id, contact_phone, contact_email };
		const changes = existing
			? changed(existing, { ...values, contact_phone: contact_phone ?? undefined, contact_email: contact_email ?? undefined, area_id: area_id ?? undefined })
			: [];
		const verdict = verdictOf(reasons, !!existing, changes);
		plan.rows.push({ entity: 'organisations', row: r.row, verdict, label: name_th || short_name, reasons, changes });
		if (verdict === 'refused') continue;
		const id = existing?.id ?? crypto.randomUUID();
		if (!existing) plan.organisations.create.push({ id, ...values, contact_address: null });
		else if (changes.length) plan.organisations.update.push({ id, set: Object.fromEntries(changes.map((k) => [k, values[k as keyof typeof values]])) });
		orgs.add(id, name_th, name_en, short_name);
	}
}

/** Bodies: matched by Thai name; a parent or secretariat may be another row of the same file. */
export function planBodies(rows: SheetRow[], snap: Snapshot, plan: Plan, orgs: NameIndex, bodies: NameIndex): void {
	const areas = areaIndex(snap);
	const byName = new NameIndex();
	for (const b of snap.bodies) byName.add(b.id, b.name_th);
	const seen = new Map<string, number>();
	type Pending = {
		r: SheetRow;
		verdict: RowVerdict;
		id: string;
		existing: Snapshot['bodies'][number] | null;
		values: Record<string, unknown>;
		parentName: string;
	};
	const pending: Pending[] = [];
	for (const r of rows) {
		const reasons: Reason[] = [];
		const x = r.values;
		if (r.formula) reasons.push(refuse('formula', undefined, r.formula));
		const name_th = take(reasons, 'name_th', field.check(name, x.name_th), '');
		const name_en = take(reasons, 'name_en', field.check(name, x.name_en), '');
		const kind = wordToCode(KIND_WORDS, x.kind ?? '');
		if (!kind) reasons.push(refuse('invalid_value', 'kind', x.kind));
		const area = x.area?.trim() ? areas.find(x.area) : 'unknown';
		const areaRow = typeof area === 'object' ? snap.areas.find((a) => a.id === area.id)! : null;
		if (!areaRow) reasons.push(refuse(x.area?.trim() ? 'unknown_area' : 'required', 'area', x.area));
		const level = x.level?.trim() ? (wordToCode(LEVEL_WORDS, x.level) as AreaLevel | null) : (areaRow?.level ?? null);
		if (areaRow && level !== areaRow.level) reasons.push(refuse('level_mismatch', 'level', x.level));
		const cadence = x.cadence?.trim() ? wordToCode(CADENCE_WORDS, x.cadence) : undefined;
		if (cadence === null) reasons.push(refuse('invalid_value', 'cadence', x.cadence));
		const prefix = x.case_prefix?.trim() ? x.case_prefix.trim().toUpperCase() : undefined;
		if (prefix && !/^[A-Z0-9ก-๙]{1,10}$/.test(prefix)) reasons.push(refuse('invalid_value', 'case_prefix', x.case_prefix));
		let secretariat: string | null | undefined;
		if (x.secretariat?.trim()) {
			const s = orgs.find(x.secretariat);
			if (typeof s === 'string') reasons.push(refuse(s === 'ambiguous' ? 'ambiguous_organisation' : 'unknown_organisation', 'secretariat', x.secretariat));
			else secretariat = s.id;
		}
		const key = norm(name_th);
		if (name_th && seen.has(key)) reasons.push(refuse('duplicate_row', 'name_th', String(seen.get(key))));
		else if (name_th) seen.set(key, r.row);
		const match = byName.find(name_th);
		const existing = typeof match === 'object' ? snap.bodies.find((b) => b.id === match.id)! : null;
		const values: Record<string, unknown> = {
			name_th,
			name_en,
			kind,
			area_id: areaRow?.id,
			level,
			secretariat_organisation_id: secretariat,
			cadence,
			case_prefix: prefix
		};
		const verdict: RowVerdict = { entity: 'bodies', row: r.row, verdict: 'refused', label: name_th, reasons, changes: [] };
		plan.rows.push(verdict);
		if (reasons.length) continue;
		const id = existing?.id ?? crypto.randomUUID();
		bodies.add(id, name_th, name_en);
		pending.push({ r, verdict, id, existing, values, parentName: x.parent?.trim() ?? '' });
	}
	// Parents resolve once every body of the file is known; a refused parent refuses its children in turn.
	const parentOf = new Map<string, string | null>(snap.bodies.map((b) => [b.id, b.parent_id]));
	for (const p of pending) {
		if (!p.parentName) {
			p.values.parent_id = null;
			continue;
		}
		const hit = bodies.find(p.parentName);
		if (typeof hit === 'string') p.verdict.reasons.push(refuse('unknown_parent', 'parent', p.parentName));
		else p.values.parent_id = hit.id;
	}
	for (const p of pending) if (!p.verdict.reasons.length) parentOf.set(p.id, p.values.parent_id as string | null);
	const depth = new Map<string, number>();
	for (const p of pending) {
		if (p.verdict.reasons.length) continue;
		let d = 0;
		for (let at: string | null | undefined = p.values.parent_id as string | null; at; at = parentOf.get(at), d++) {
			if (at === p.id || d > 50) {
				p.verdict.reasons.push(refuse('parent_cycle', 'parent', p.parentName));
				break;
			}
		}
		depth.set(p.id, d);
	}
	let refusedMore = true;
	while (refusedMore) {
		refusedMore = false;
		const refusedIds = new Set(pending.filter((p) => p.verdict.reasons.length).map((p) => p.id));
		for (const p of pending) {
			if (!p.verdict.reasons.length && refusedIds.has(p.values.parent_id as string)) {
				p.verdict.reasons.push(refuse('unknown_parent', 'parent', p.parentName));
				refusedMore = true;
			}
		}
	}
	const creates: { depth: number; row: NonNullable<Plan['bodies']['create'][number]> }[] = [];
	for (const p of pending) {
		if (p.verdict.reasons.length) continue;
		if (!p.existing) {
			p.verdict.verdict = 'create';
			creates.push({
				depth: depth.get(p.id) ?? 0,
				row: {
					id: p.id,
					...(p.values as { name_th: string; name_en: string; kind: 'committee'; area_id: string; level: AreaLevel }),
					secretariat_organisation_id: (p.values.secretariat_organisation_id as string | undefined) ?? null,
					parent_id: (p.values.parent_id as string | null) ?? null,
					cadence: (p.values.cadence as 'monthly' | undefined) ?? 'monthly',
					case_prefix: (p.values.case_prefix as string | undefined) ?? null
				}
			});
			continue;
		}
		const changes = changed(p.existing as unknown as Record<string, unknown>, p.values);
		p.verdict.changes = changes;
		p.verdict.verdict = changes.length ? 'update' : 'unchanged';
		if (changes.length) plan.bodies.update.push({ id: p.id, set: Object.fromEntries(changes.map((k) => [k, p.values[k]])) });
	}
	plan.bodies.create.push(...creates.sort((a, b) => a.depth - b.depth).map((c) => c.row));
	// A refused body is not there to seat anyone on.
	for (const p of pending) if (p.verdict.reasons.length) p.verdict.verdict = 'refused';
	rebuildWithout(
		bodies,
		pending.filter((p) => p.verdict.reasons.length).map((p) => p.id),
		snap
	);
}

/** Takes refused new bodies out of the index people rows resolve against. */
function rebuildWithout(index: NameIndex, refusedIds: string[], snap: Snapshot) {
	if (!refusedIds.length) return;
	const existing = new Set(snap.bodies.map((b) => b.id));
	for (const id of refusedIds) if (!existing.has(id)) index.remove(id);
}
