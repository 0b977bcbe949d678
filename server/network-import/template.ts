import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { CADENCE_WORDS, COLUMNS, ENTITIES, EXAMPLES, KIND_WORDS, LEVEL_WORDS, ROLE_WORDS, SECTOR_WORDS, SHEET_NAMES, type Entity } from './columns';
import { writeCsv } from './csv';
import { snapshot } from './repository';
import { formatDateBE } from './values';
import { bangkokToday } from '../../src/lib/calendar';

type Rows = Record<Entity, Record<string, string>[]>;

async function workbook(rows: Rows): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	book.creator = 'Concord';
	for (const entity of ENTITIES) {
		const ws = book.addWorksheet(SHEET_NAMES[entity].th);
		ws.columns = COLUMNS[entity].map((c) => ({ header: c.th, key: c.key, width: Math.max(14, c.th.length + 6) }));
		ws.getRow(1).font = { bold: true };
		// Text cells, so Excel keeps a phone's leading zero and a date as the office typed it.
		for (const r of rows[entity]) ws.addRow(r).eachCell((cell) => (cell.numFmt = '@'));
	}
	return new Uint8Array(await book.xlsx.writeBuffer());
}

function csv(entity: Entity, rows: Record<string, string>[]): Uint8Array {
	const cols = COLUMNS[entity];
	return new TextEncoder().encode(writeCsv([cols.map((c) => c.th), ...rows.map((r) => cols.map((c) => r[c.key] ?? ''))]));
}

/** The empty template: Thai headers and one example row per sheet. */
export async function template(format: 'xlsx' | 'csv', entity: Entity = 'people'): Promise<Uint8Array> {
	if (format === 'csv') return csv(entity, [EXAMPLES[entity]]);
	return workbook({ organisations: [EXAMPLES.organisations], bodies: [EXAMPLES.bodies], people: [EXAMPLES.people] });
}

/** The network as it is, in the template's shape, so an office can edit it and import it again. */
export async function exportNetwork(db: Kysely<DB>, format: 'xlsx' | 'csv', entity: Entity = 'people'): Promise<Uint8Array> {
	const today = bangkokToday();
	const snap = await snapshot(db, today);
	// An area by its Thai name where that is unique (อำเภอเมือง is not: every province has one), else by its code.
	const shared = new Set(snap.areas.map((a) => a.name_th).filter((n, i, all) => all.indexOf(n) !== i));
	const area = new Map(snap.areas.map((a) => [a.id, shared.has(a.name_th) ? a.code : a.name_th]));
	// Organisations by their full Thai name: two may share a short name.
	const org = new Map(snap.organisations.map((o) => [o.id, o.name_th]));
	const body = new Map(snap.bodies.map((b) => [b.id, b.name_th]));
	const user = new Map(snap.users.map((u) => [u.id, u]));
	const rows: Rows = {
		organisations: snap.organisations.map((o) => ({
			name_th: o.name_th,
			name_en: o.name_en,
			short_name: o.short_name,
			sector: SECTOR_WORDS[o.sector][0],
			level: LEVEL_WORDS[o.level][0],
			area: o.area_id ? (area.get(o.area_id) ?? '') : '',
			phone: o.contact_phone ?? '',
			email: o.contact_email ?? ''
		})),
		bodies: snap.bodies.map((b) => ({
			name_th: b.name_th,
			name_en: b.name_en,
			kind: KIND_WORDS[b.kind as keyof typeof KIND_WORDS][0],
			area: area.get(b.area_id) ?? '',
			level: LEVEL_WORDS[b.level][0],
			parent: b.parent_id ? (body.get(b.parent_id) ?? '') : '',
			secretariat: b.secretariat_organisation_id ? (org.get(b.secretariat_organisation_id) ?? '') : '',
			cadence: CADENCE_WORDS[b.cadence][0],
			case_prefix: b.case_prefix ?? ''
		})),
		people: []
	};
	// Parents before children, so the file imports in one pass as it reads.
	const depth = (id: string | null, n = 0): number => (id && n < 50 ? depth(snap.bodies.find((b) => b.id === id)?.parent_id ?? null, n + 1) : n);
	rows.bodies.sort((a, b) => depth(snap.bodies.find((x) => x.name_th === a.name_th)!.id) - depth(snap.bodies.find((x) => x.name_th === b.name_th)!.id));
	const person = (id: string) => user.get(id)!;
	for (const s of snap.seats.filter((x) => x.starts_on <= today)) {
		const u = person(s.user_id);
		if (!u.active) continue;
		rows.people.push({
			username: u.username,
			email: u.email ?? '',
			display_name: u.display_name,
			name_title: u.name_title,
			position: u.position,
			phone: u.phone ?? '',
			organisation: org.get(s.organisation_id) ?? '',
			body: body.get(s.body_id) ?? '',
			role: ROLE_WORDS[s.role][0],
			alternate_of: '',
			starts_on: formatDateBE(s.starts_on)
		});
		if (s.alternate_user_id) {
			const a = person(s.alternate_user_id);
			rows.people.push({
				username: a.username,
				email: a.email ?? '',
				display_name: a.display_name,
				name_title: a.name_title,
				position: a.position,
				phone: a.phone ?? '',
				organisation: '',
				body: body.get(s.body_id) ?? '',
				role: '',
				alternate_of: u.username,
				starts_on: ''
			});
		}
	}
	rows.people.sort((a, b) => (a.body ?? '').localeCompare(b.body ?? '', 'th') || Number(!!a.alternate_of) - Number(!!b.alternate_of));
	return format === 'csv' ? csv(entity, rows[entity]) : workbook(rows);
}
