import { resolve } from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/database';

/**
 * The table types in `server/db/schema*.ts` are written by hand; this compares
 * them with the database the migrations make, so the two cannot drift: every
 * table and column on both sides, nullability, and the kind of value a column
 * reads as.
 */

type Kind = 'string' | 'number' | 'boolean' | 'date' | 'bytes' | 'array' | 'any';
interface Column {
	nullable: boolean;
	kind: Kind;
}

/** The columns of every table in the `DB` interface, as the TypeScript checker sees their selected type. */
function declaredTables(): Map<string, Map<string, Column>> {
	const file = resolve(__dirname, '../../server/db/schema.ts');
	const program = ts.createProgram([file], {
		strict: true,
		target: ts.ScriptTarget.ES2022,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		module: ts.ModuleKind.ESNext,
		skipLibCheck: true
	});
	const checker = program.getTypeChecker();
	const source = program.getSourceFile(file)!;
	const db = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB')!;
	const dbType = checker.getTypeAtLocation(db.name);
	const tables = new Map<string, Map<string, Column>>();
	for (const table of checker.getPropertiesOfType(dbType)) {
		const tableType = checker.getTypeOfSymbolAtLocation(table, db);
		const columns = new Map<string, Column>();
		for (const column of checker.getPropertiesOfType(tableType)) {
			let type = checker.getTypeOfSymbolAtLocation(column, db);
			// ColumnType<Select, Insert, Update> and Generated<T> carry the read type in __select__.
			const selected = type.getProperty('__select__');
			if (selected) type = checker.getTypeOfSymbolAtLocation(selected, db);
			const parts = type.isUnion() ? type.types : [type];
			const nullable = parts.some((p) => p.flags & ts.TypeFlags.Null);
			const kinds = new Set(parts.filter((p) => !(p.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined))).map((p) => kindOf(checker, p)));
			columns.set(column.name, { nullable, kind: kinds.size === 1 ? [...kinds][0]! : 'any' });
		}
		tables.set(table.name, columns);
	}
	return tables;
}

function kindOf(checker: ts.TypeChecker, type: ts.Type): Kind {
	if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) return 'string';
	if (type.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return 'number';
	if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean';
	if (checker.isArrayType(type)) return 'array';
	const name = type.getSymbol()?.getName();
	if (name === 'Date') return 'date';
	if (name === 'Uint8Array' || name === 'Buffer') return 'bytes';
	return 'any';
}

/** What a column of a PostgreSQL type reads as through the app's drivers. */
function kindOfSql(dataType: string): Kind {
	if (dataType === 'ARRAY') return 'array';
	// bigint too: server/db/types.js reads it as a number on both engines.
	if (['integer', 'smallint', 'bigint', 'real', 'double precision'].includes(dataType)) return 'number';
	if (dataType === 'boolean') return 'boolean';
	if (dataType.startsWith('timestamp')) return 'date';
	if (dataType === 'bytea') return 'bytes';
	if (['json', 'jsonb'].includes(dataType)) return 'any';
	// text, varchar, uuid, inet, date (read as YYYY-MM-DD), numeric (read as a string), enums.
	return 'string';
}

describeEachEngine('the table types match the migrated database', (use) => {
	let declared: Map<string, Map<string, Column>>;
	let actual: Map<string, Map<string, Column>>;

	beforeAll(async () => {
		declared = declaredTables();
		const rows = await sql<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>`
			select c.table_name, c.column_name, c.is_nullable, c.data_type
			from information_schema.columns c
			join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
			where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
				and c.table_name not in ('kysely_migration', 'kysely_migration_lock')`.execute(use().db);
		actual = new Map();
		for (const r of rows.rows) {
			const table = actual.get(r.table_name) ?? new Map<string, Column>();
			table.set(r.column_name, { nullable: r.is_nullable === 'YES', kind: kindOfSql(r.data_type) });
			actual.set(r.table_name, table);
		}
	}, 60_000);

	it('declares every table the migrations make, and no other', () => {
		expect(declared.size).toBeGreaterThan(20);
		expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort());
	});

	it('declares every column with its nullability and the kind of value it reads as', () => {
		const differences: string[] = [];
		for (const [table, columns] of actual) {
			const types = declared.get(table);
			if (!types) continue;
			for (const name of new Set([...columns.keys(), ...types.keys()])) {
				const column = columns.get(name);
				const type = types.get(name);
				if (!column) differences.push(`${table}.${name}: declared, not in the database`);
				else if (!type) differences.push(`${table}.${name}: in the database, not declared`);
				else {
					if (column.nullable !== type.nullable) differences.push(`${table}.${name}: nullable ${column.nullable} in the database, ${type.nullable} declared`);
					if (type.kind !== 'any' && column.kind !== 'any' && type.kind !== column.kind)
						differences.push(`${table}.${name}: reads as ${column.kind}, declared ${type.kind}`);
				}
			}
		}
		expect(differences).toEqual([]);
	});
});
