import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadDocument } from '../../server/collab/load';
import { describeEachEngine } from '../support/database';
import { meetingDoc, openClient, sessionFor, settled, startCollab, waitFor, type TestServer, freeForm, seedMeetingsInProgress, seededRandom } from './support';

const writers = ['district-officer', 'cdo', 'police', 'hospital', 'health', 'school1', 'ymca', 'ngo', 'women', 'watchdog'];
const words = ['ส่งต่อ', 'ติดตาม', 'case', 'referral', 'ผู้เสียหาย', '—', ' ', 'ok', '✓'];
const name = meetingDoc('dkt-wg:-1');
const STEPS = 500;

const contentOf = (doc: Y.Doc) => ({
	text: doc.getText('text').toString(),
	map: doc.getMap('map').toJSON(),
	array: doc.getArray('array').toJSON()
});
const stateVector = (doc: Y.Doc) => Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));

describeEachEngine('collaboration convergence', (use) => {
	let server: TestServer;
	const tokens: string[] = [];

	beforeAll(async () => {
		const { db } = use();
		await seedMeetingsInProgress(db);
		for (const w of writers) tokens.push(await sessionFor(db, w));
		// A low threshold and a short grace period put compaction and reloads inside the run.
		server = await startCollab(db, { compactAfterUpdates: 25, unloadAfterMs: 30 }, {}, freeForm);
	});
	afterAll(() => server?.close());

	it('converges ten clients editing texts, maps and arrays through disconnects, in memory and in the database', async () => {
		const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
		console.log(`convergence fuzz seed: ${seed} (replay with FUZZ_SEED=${seed})`);
		const rnd = seededRandom(seed);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
		const clients = tokens.map((t) => openClient(server, t, name));
		try {
			await waitFor(() => clients.every((c) => c.status.synced), 'all clients synced');
			for (let step = 0; step < STEPS; step++) {
				const c = pick(clients);
				const text = c.doc.getText('text');
				const map = c.doc.getMap('map');
				const array = c.doc.getArray('array');
				const r = rnd();
				if (r < 0.3) text.insert(Math.floor(rnd() * (text.length + 1)), pick(words));
				else if (r < 0.4 && text.length) {
					const at = Math.floor(rnd() * text.length);
					text.delete(at, Math.min(text.length - at, 1 + Math.floor(rnd() * 4)));
				} else if (r < 0.55) map.set(`k${Math.floor(rnd() * 8)}`, rnd() < 0.5 ? Math.floor(rnd() * 100) : pick(words));
				else if (r < 0.6) map.delete(`k${Math.floor(rnd() * 8)}`);
				else if (r < 0.75) array.insert(Math.floor(rnd() * (array.length + 1)), [step]);
				else if (r < 0.8 && array.length) array.delete(Math.floor(rnd() * array.length), 1);
				else if (r < 0.9) {
					if (c.provider.shouldConnect) c.provider.disconnect();
					else c.provider.connect();
				} else if (r < 0.95)
					c.doc.transact(() => {
						text.insert(0, pick(words));
						map.set('last', step);
						array.push([pick(words)]);
					});
				if (rnd() < 0.3) await new Promise((resolve) => setTimeout(resolve, Math.floor(rnd() * 4)));
			}
			for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
			await waitFor(() => clients.every((c) => c.status.state === 'saved'), 'every client saved', 20_000);
			const live = server.collab.document(name);
			expect(live).toBeDefined();
			await waitFor(() => clients.every((c) => JSON.stringify(stateVector(c.doc)) === JSON.stringify(stateVector(live!))), 'state vectors equal', 10_000);
			const expected = contentOf(live!);
			for (const c of clients) {
				expect(contentOf(c.doc)).toEqual(expected);
				expect(settled(c.doc)).toBe(true);
			}
			expect(settled(live!)).toBe(true);
			const stored = (await loadDocument(use().db, name)).doc;
			expect(contentOf(stored)).toEqual(expected);
			expect(stateVector(stored)).toEqual(stateVector(live!));
			expect(settled(stored)).toBe(true);
		} finally {
			for (const c of clients) c.destroy();
		}
	});
});
