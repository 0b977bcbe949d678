import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { loadDocument } from '../../server/collab/load';
import { describeEachEngine } from '../support/database';
import { captureLog, meetingDoc, openClient, seedWithWriters, startCollab, type TestServer, upgradeStatus, waitFor, freeForm } from './support';

/** Makes every query fail while `down` is set, as a lost database connection would. */
class Outage implements KyselyPlugin {
	down = false;
	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		if (this.down) throw new Error('database unavailable (simulated)');
		return args.node;
	}
	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return args.result;
	}
}

const name = meetingDoc('dkt-wg:-1');

describeEachEngine('collaboration while the database is down', (use) => {
	let server: TestServer;
	const outage = new Outage();
	let nantana: string;
	let somchai: string;

	beforeAll(async () => {
		const { db } = use();
		({ nantana, somchai } = await seedWithWriters(db));
		server = await startCollab(db.withPlugin(outage), { maxQueuedBytes: 4_096, retryMinMs: 20, retryMaxMs: 100 }, {}, freeForm);
	});
	afterAll(async () => {
		outage.down = false;
		await server?.close();
	});

	it('holds updates back, tells the clients, and loses nothing accepted when the database returns', async () => {
		const a = openClient(server, nantana, name);
		const b = openClient(server, somchai, name);
		try {
			await waitFor(() => a.status.state === 'saved' && b.status.state === 'saved', 'both saved');
			outage.down = true;
			a.doc.getText('notes').insert(0, 'บันทึกระหว่างฐานข้อมูลล่ม;');
			await waitFor(() => a.status.state === 'storage-error' && b.status.state === 'storage-error', 'clients told');
			// Told means a commit failed, and a failed commit is never relayed.
			expect(b.doc.getText('notes').toString()).toBe('');
			expect(a.status.unsaved).toBe(true);
			expect(server.collab.stats().storageAvailable).toBe(false);

			// New sockets are refused outright: the session cannot be checked.
			const refused = await upgradeStatus(server.port, `/collab/${name}`, { Origin: server.origin, Cookie: `concord_session=${nantana}` });
			expect(refused.status).toBe(503);

			// Beyond the queue's bound, the writer is disconnected instead of being accepted.
			a.doc.getText('notes').insert(0, 'ย'.repeat(2_000));
			await waitFor(() => a.status.state === 'offline-unsaved', 'writer beyond the bound disconnected');
			expect(b.status.synced).toBe(true);

			outage.down = false;
			await waitFor(() => a.status.state === 'saved' && b.status.state === 'saved', 'both saved after recovery', 10_000);
			expect(b.doc.getText('notes').toString()).toBe(a.doc.getText('notes').toString());
			const stored = (await loadDocument(use().db, name)).doc;
			expect(stored.getText('notes').toString()).toBe(a.doc.getText('notes').toString());
			expect(stored.getText('notes').toString()).toContain('บันทึกระหว่างฐานข้อมูลล่ม;');
			expect(stored.getText('notes').length).toBe(2_000 + 'บันทึกระหว่างฐานข้อมูลล่ม;'.length);
		} finally {
			a.destroy();
			b.destroy();
		}
	});

	it('stops within its time limit when the database never returns, and says what was lost', async () => {
		const { db } = use();
		const down = new Outage();
		const doomed = await startCollab(db.withPlugin(down), { closeTimeoutMs: 300, retryMinMs: 20, retryMaxMs: 50 }, {}, freeForm);
		const a = openClient(doomed, nantana, meetingDoc('dkt-wg:-2'));
		const logs = captureLog();
		try {
			await waitFor(() => a.status.synced, 'synced');
			down.down = true;
			a.doc.getText('notes').insert(0, 'ไม่มีวันได้บันทึก');
			await waitFor(() => a.status.state === 'storage-error', 'told');
			await doomed.close();
			expect(logs.events.some((e) => e.event === 'collab.updates_lost')).toBe(true);
		} finally {
			logs.restore();
			a.destroy();
		}
	});
});
