import { sql, type Kysely } from 'kysely';
import { MIGRATION_TABLES } from './format';

/** A table of the app's schema and what a backup needs to know of it. */
export interface TableInfo {
	name: string;
	/** Columns that take values: generated columns are computed again. */
	columns: string[];
	primaryKey: string[];
	hasIdentity: boolean;
}

/** The app's tables in the current schema, parents before children (cycles broken by name). */
export async function listTables(db: Kysely<any>): Promise<TableInfo[]> {
	const { rows } = await sql<{ name: string; columns: string[]; pk: string[] | null; identity: boolean }>`
		select c.relname as name,
		       array(select a.attname::text from pg_attribute a
		             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
		             order by a.attnum) as columns,
		       (select array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, n)
		                     join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.n)
		          from pg_index i where i.indrelid = c.oid and i.indisprimary) as pk,
		       exists(select 1 from pg_attribute a where a.attrelid = c.oid and a.attidentity <> '') as identity
		from pg_class c
		where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
		  and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
		order by c.relname`.execute(db);
	const tables = rows
		.filter((r) => !MIGRATION_TABLES.includes(r.name))
		.map((r) => ({ name: r.name, columns: r.columns, primaryKey: r.pk ?? [], hasIdentity: r.identity }));
	const { rows: edges } = await sql<{ child: string; parent: string }>`
		select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
		from pg_constraint c
		where c.contype = 'f' and c.connamespace = current_schema()::regnamespace and c.conrelid <> c.confrelid`.execute(db);
	return dependencyOrder(tables, edges);
}

function dependencyOrder(tables: TableInfo[], edges: { child: string; parent: string }[]): TableInfo[] {
	const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
	for (const e of edges) parents.get(unquote(e.child))?.add(unquote(e.parent));
	const placed = new Set<string>();
	const ordered: TableInfo[] = [];
	const visit = (t: TableInfo, path: Set<string>) => {
		if (placed.has(t.name) || path.has(t.name)) return;
		path.add(t.name);
		for (const p of parents.get(t.name) ?? []) {
			const parent = tables.find((x) => x.name === p);
			if (parent) visit(parent, path);
		}
		placed.add(t.name);
		ordered.push(t);
	};
	for (const t of tables) visit(t, new Set());
	return ordered;
}

/** regclass text quotes names that need it. */
const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name);

/** Sequences of the app's schema (bigserial ids), with their current position. */
export async function listSequences(db: Kysely<any>): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`
		select c.relname as name from pg_class c
		where c.relnamespace = current_schema()::regnamespace and c.relkind = 'S'
		  and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
		order by c.relname`.execute(db);
	return rows.map((r) => r.name);
}

/** Whether any of the app's tables holds a row; migration bookkeeping alone is still empty. */
export async function holdsRows(db: Kysely<any>): Promise<boolean> {
	for (const t of await listTables(db)) {
		const { rows } = await sql<{ found: boolean }>`select exists(select 1 from ${sql.table(t.name)}) as found`.execute(db);
		if (rows[0]?.found) return true;
	}
	return false;
}
