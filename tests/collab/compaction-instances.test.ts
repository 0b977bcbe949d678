import { sql } from 'kysely';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactDocument } from '../../server/collab/compact';
import { LiveDocument } from '../../server/collab/document';
import { loadDocument } from '../../server/collab/load';
import { appendUpdates } from '../../server/collab/storage';
import { createTestDatabase, describeEachEngine, engines } from '../support/database';

/*
 * Two instances holding one document compact it from their own copies in
 * memory; one of them may lack updates the other committed (a relay message
 * still on its way, or lost). What either folds must never take away what the
 * other wrote.
 */

/** A document as an instance holds it after loading, with a way to commit a local edit as the write queue would. */
async function loaded(db: Parameters<typeof loadDocument>[0], name: string) {
	const { doc, loggedIds } = await loadDocument(db, name);
	const live = new LiveDocument(name, doc, loggedIds);
	let batch = 0;
	return {
		live,
		async write(token: string) {
			let update: Uint8Array | null = null;
			const take = (u: Uint8Array) => (update = u);
			doc.on('update', take);
			doc.getArray<string>('tokens').push([token]);
			doc.off('update', take);
			const [row] = await appendUpdates(db, [{ doc_name: name, data: update! }]);
			live.lastBatch = ++batch;
			live.logged.push({ id: row!.id, batch });
		},
		compact: () => compactDocument(db, live, async () => {}, { absorb: (stored) => Y.applyUpdate(live.doc, stored, 'stored') })
	};
}

const tokens = (doc: Y.Doc) => [...doc.getArray<string>('tokens').toArray()].sort();

describeEachEngine('compaction by instances sharing a database', (use) => {
	it('keeps what either instance wrote when each folds from a copy lacking the other’s updates', async () => {
		const { db } = use();
		const name = 'meeting:00000000-0000-4000-8000-0000000c0a01';
		const a = await loaded(db, name);
		const b = await loaded(db, name);
		await a.write('from-a');
		await b.write('from-b');
		// Neither has heard of the other's update.
		expect(await a.compact()).toMatchObject({ folded: 1 });
		expect(await b.compact()).toMatchObject({ folded: 1 });
		// B folded on top of A's snapshot and took it into memory; its next appends build on both.
		expect(tokens(b.live.doc)).toEqual(['from-a', 'from-b']);
		await b.write('after');
		expect(tokens((await loadDocument(db, name)).doc)).toEqual(['after', 'from-a', 'from-b']);
		await a.write('a-again');
		expect(await a.compact()).toMatchObject({ folded: 1 });
		expect(tokens((await loadDocument(db, name)).doc)).toEqual(['a-again', 'after', 'from-a', 'from-b']);
		a.live.destroy();
		b.live.destroy();
	});
});

// The lock matters where several processes share the database: PostgreSQL.
for (const engine of engines.filter((e) => e === 'postgres')) {
	it(`skips a document another instance is compacting, and folds it once the lock is free [${engine}]`, async () => {
		const database = await createTestDatabase(engine);
		const { db } = database;
		const name = 'meeting:00000000-0000-4000-8000-0000000c0a02';
		const a = await loaded(db, name);
		await a.write('one');
		let release!: () => void;
		let locked!: () => void;
		const holding = new Promise<void>((r) => (locked = r));
		const other = db.transaction().execute(async (tx) => {
			await sql`select pg_advisory_xact_lock(${0x636f6d70}, hashtext(${name}))`.execute(tx);
			locked();
			await new Promise<void>((r) => (release = r));
		});
		await holding;
		expect(await a.compact()).toMatchObject({ folded: 0, skipped: true });
		expect(a.live.logged).toHaveLength(1);
		release();
		await other;
		expect(await a.compact()).toMatchObject({ folded: 1 });
		expect(a.live.logged).toHaveLength(0);
		a.live.destroy();
		await database.close();
	});
}
