import type { Runtime } from '../../server/runtime';
import { callerOf, type World } from './form-action-world';
import { invoke, type Answer } from './route-actions';
import { recycleLiveDocuments } from './route-runtime';
import type { Request, Who } from './scene';
import { changesSincePristine, keepPristine, restorePristine, writtenTables, type RowChange } from './table-snapshot';

export interface Outcome {
	answer: Answer;
	/** Rows that differ from the state before the call. */
	changes: RowChange[];
}

/**
 * Calls form actions on the world and tells what each changed, then puts
 * everything back as it was, so every call starts from the same rows. Only a
 * call that wrote to some table costs a comparison and a restore.
 */
export class FormActionHarness {
	private tables: string[] = [];

	constructor(
		private readonly runtime: () => Runtime,
		readonly world: World
	) {}

	async keep(): Promise<void> {
		this.tables = await keepPristine(this.db);
	}

	private get db() {
		return this.runtime().database.db;
	}

	async call(route: string, action: string, request: Request, who: Who): Promise<Outcome> {
		const answer = await invoke(route, action, { ...request, caller: callerOf(this.world, who) });
		if (!(await writtenTables(this.db)).length) return { answer, changes: [] };
		// Whatever the call set going in a live document (its projection into SQL) ends before counting and undoing.
		await recycleLiveDocuments(this.runtime());
		const written = await writtenTables(this.db);
		const changes = await changesSincePristine(this.db, written);
		await restorePristine(this.db, written);
		// Compared whole, every table: nothing the call did is left behind, noted or not.
		const left = await changesSincePristine(this.db, this.tables);
		if (left.length) throw new Error(`could not restore: ${JSON.stringify(left.slice(0, 3))}`);
		return { answer, changes };
	}
}

/** A short account of the changes for a failure message: table, side and the start of the row. */
export const describeChanges = (changes: RowChange[]) => changes.map((c) => `${c.side} ${c.table}: ${c.row.slice(0, 160)}`);
