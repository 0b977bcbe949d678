import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { loadDocument } from '../../server/collab/load';
import { describeEachEngine } from '../support/database';
import { captureLog, meetingDoc, openClient, seedWithWriters, startCollab, waitFor, freeForm } from './support';

describeEachEngine('collaboration vacuum', (use) => {
	it('gives back the space of folded rows once typing pauses, and again on shutdown', async () => {
		const { db } = use();
		const { nantana: token } = await seedWithWriters(db);
		const name = meetingDoc('dkt-wg:-1');
		const logBytes = async () => Number((await sql<{ bytes: number }>`select pg_relation_size('doc_update')::int8 as bytes`.execute(db)).rows[0]!.bytes);
		const logs = captureLog();
		const vacuums = () => logs.events.filter((e) => e.event === 'collab.vacuumed');
		const server = await startCollab(db, { compactAfterUpdates: 20, vacuumQuietMs: 300 }, {}, freeForm);
		let closed = false;
		const a = openClient(server, token, name);
		try {
			await waitFor(() => a.status.synced, 'synced');
			const list = a.doc.getArray<number>('items');
			const type = async (from: number, to: number) => {
				for (let i = from; i < to; i++) {
					list.push([i]);
					await waitFor(() => a.status.state === 'saved', 'saved');
				}
			};
			await type(0, 60);
			expect(await logBytes()).toBeGreaterThan(0);
			await waitFor(() => logs.events.some((e) => e.event === 'collab.compacted' && e.doc === name), 'compacted', 5_000);
			await waitFor(() => vacuums().length === 1, 'vacuumed after a pause', 5_000);
			// Every row was folded, so the log's pages are all free and the file is cut back.
			expect(vacuums()[0]!.rows).toBe(60);
			expect(await logBytes()).toBe(0);

			await type(60, 70);
			expect(await logBytes()).toBeGreaterThan(0);
			a.destroy();
			await server.close();
			closed = true;
			expect(vacuums()).toHaveLength(2);
			expect(await logBytes()).toBe(0);
			expect((await loadDocument(db, name)).doc.getArray('items').toArray()).toEqual(Array.from({ length: 70 }, (_, i) => i));
		} finally {
			logs.restore();
			a.destroy();
			if (!closed) await server.close();
		}
	});
});
