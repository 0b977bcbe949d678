import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addDecision,
	agendaOf,
	attendanceOf,
	decisionsOf,
	metaOf,
	notesOf,
	removeDecision,
	reportBacksOf,
	setReportBack
} from '../../src/lib/meeting-doc/schema';
import { loadDocument } from '../../server/collab/load';
import { demoId } from '../../server/demo/seed';
import { describeEachEngine } from '../support/database';
import { captureLog, meetingDoc, openClient, seedMeetingsInProgress, sessionFor, startCollab, waitFor, type TestServer, seededRandom } from './support';

const name = meetingDoc('dkt-wg:1');
const STEPS = 400;
/** Who writes, with the organisation they speak for. */
const people = [
	{ user: 'district-officer', org: 'dkt-office', officer: true },
	{ user: 'cdo', org: 'dkt-cdo', officer: true },
	{ user: 'police', org: 'dkt-police', officer: false },
	{ user: 'hospital', org: 'dkt-hospital', officer: false },
	{ user: 'school1', org: 'dkt-school1', officer: false },
	{ user: 'watchdog', org: 'dkt-watchdog', officer: false }
];
/** Open action items of the body, by lead organisation, for report-backs. */
const actionOf: Record<string, string> = {
	'dkt-police': demoId('action', 'a6'),
	'dkt-hospital': demoId('action', 'a2'),
	'dkt-watchdog': demoId('action', 'a5')
};

/** JSON with object keys sorted: a Y.Map lists its keys in the order this replica learnt them. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v
	);
}

const contentOf = (doc: Y.Doc) => ({
	agenda: agendaOf(doc).toJSON(),
	decisions: decisionsOf(doc).toJSON(),
	attendance: attendanceOf(doc).toJSON(),
	reportBacks: reportBacksOf(doc).toJSON(),
	meta: metaOf(doc).toJSON(),
	notes: [...agendaOf(doc).keys()].sort().map((id) => notesOf(doc, id).toString())
});

describeEachEngine('convergence with writers of different roles', (use) => {
	let server: TestServer;
	const tokens: string[] = [];

	beforeAll(async () => {
		const { db } = use();
		await seedMeetingsInProgress(db);
		for (const p of people) tokens.push(await sessionFor(db, p.user));
		server = await startCollab(db, { compactAfterUpdates: 40, unloadAfterMs: 60_000 });
	});
	afterAll(() => server?.close());

	it('ends identical on every client, the server and a reload, and no forbidden change survives anywhere', async () => {
		const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
		console.log(`role convergence fuzz seed: ${seed} (replay with FUZZ_SEED=${seed})`);
		const rnd = seededRandom(seed);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
		const open = (i: number) => openClient(server, tokens[i]!, name);
		const clients = people.map((_, i) => open(i));
		/** Decisions whose removal was allowed: by an officer, or by whoever added it on the same connection. */
		const allowedRemovals = new Set<string>();
		const addedBy = new WeakMap<object, Set<string>>();
		/** Every decision the server's document lost. */
		const serverRemovals = new Set<string>();
		let refusals = 0;
		// Every refusal is logged; the run makes dozens on purpose.
		const logs = captureLog();
		try {
			await waitFor(() => clients.every((c) => c.status.synced), 'all synced');
			const item = crypto.randomUUID();
			clients[1]!.doc.transact(() => {
				const m = new Y.Map<unknown>();
				for (const [k, v] of Object.entries({ id: item, title: 'เรื่องเพื่อพิจารณา', order: 1, minutes: 30, presenterOrgId: null, standing: null, links: [] }))
					m.set(k, v);
				agendaOf(clients[1]!.doc).set(item, m);
			});
			await waitFor(() => clients.every((c) => agendaOf(c.doc).has(item)), 'agenda item everywhere');
			decisionsOf(server.collab.document(name)!).observe((event) => {
				for (const [key, change] of event.changes.keys) if (change.action === 'delete') serverRemovals.add(key);
			});

			for (let step = 0; step < STEPS; step++) {
				const i = Math.floor(rnd() * people.length);
				const who = people[i]!;
				let c = clients[i]!;
				if (c.status.refused !== null) {
					// As the workspace does: start again from the server's state.
					refusals++;
					c.destroy();
					c = clients[i] = open(i);
					await waitFor(() => c.status.synced, 'rebuilt client synced');
				}
				const doc = c.doc;
				const decisions = [...decisionsOf(doc).keys()];
				const r = rnd();
				if (r < 0.25) {
					const notes = notesOf(doc, item);
					const text = notes.length ? (notes.get(0) as Y.XmlText) : null;
					if (text) text.insert(Math.floor(rnd() * (text.length + 1)), pick(['ส่งต่อ', 'ติดตาม', ' ', 'ok']));
					else notes.insert(0, [new Y.XmlText('บันทึก')]);
				} else if (r < 0.4) {
					const id = crypto.randomUUID();
					addDecision(doc, { id, agendaItemId: item, text: `มติ ${step}`, leadOrgId: demoId('org', who.org), supportingOrgIds: [] });
					if (!addedBy.has(c)) addedBy.set(c, new Set());
					addedBy.get(c)!.add(id);
				} else if (r < 0.5 && decisions.length) {
					decisionsOf(doc).get(pick(decisions))!.set('text', `แก้ไข ${step}`);
				} else if (r < 0.6 && decisions.length) {
					const target = pick(decisions);
					removeDecision(doc, target, demoId('user', who.user));
					if (who.officer || addedBy.get(c)?.has(target)) allowedRemovals.add(target);
				} else if (r < 0.67) {
					// Members stamp what they may not write, so any survivor is found at the end.
					const arrived = who.officer ? Date.now() : -step - 1;
					doc.transact(() => {
						const a = new Y.Map<unknown>();
						a.set('status', 'present');
						a.set('arrivedAt', arrived);
						a.set('leftAt', null);
						attendanceOf(doc).set(demoId('org', pick(people).org), a);
					});
				} else if (r < 0.74) {
					agendaOf(doc)
						.get(item)
						?.set('order', who.officer ? 1 + rnd() : -1000 - step);
				} else if (r < 0.82) {
					const [org, action] = pick(Object.entries(actionOf));
					const mayWrite = who.user === 'cdo' || org === who.org;
					setReportBack(doc, action, mayWrite ? `รายงาน ${step}` : `FORBIDDEN ${step}`);
				} else if (r < 0.85) {
					metaOf(doc).set('status', 'ended');
				} else if (r < 0.95) {
					if (c.provider.shouldConnect) c.provider.disconnect();
					else c.provider.connect();
				}
				if (rnd() < 0.3) await new Promise((resolve) => setTimeout(resolve, Math.floor(rnd() * 4)));
			}
			for (let i = 0; i < clients.length; i++) {
				if (clients[i]!.status.refused !== null) {
					refusals++;
					clients[i]!.destroy();
					clients[i] = open(i);
				} else if (!clients[i]!.provider.shouldConnect) clients[i]!.provider.connect();
			}
			// A client whose reconnect carried a forbidden offline edit is refused then; rebuild until all settle.
			const deadline = Date.now() + 30_000;
			while (!clients.every((c) => c.status.state === 'saved')) {
				if (Date.now() > deadline) throw new Error(`clients did not settle: ${clients.map((c) => c.status.state).join(', ')}`);
				for (let i = 0; i < clients.length; i++) {
					if (clients[i]!.status.refused !== null) {
						refusals++;
						clients[i]!.destroy();
						clients[i] = open(i);
					}
				}
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			console.log(`role convergence: ${refusals} refused changes rebuilt from the server`);
			expect(refusals).toBeGreaterThan(0);

			const live = server.collab.document(name)!;
			const expected = contentOf(live);
			await waitFor(() => clients.every((c) => canonical(contentOf(c.doc)) === canonical(expected)), 'clients equal the server', 10_000);
			const reloaded = (await loadDocument(use().db, name)).doc;
			expect(contentOf(reloaded)).toEqual(expected);

			// Nothing forbidden survives, in memory or in storage.
			for (const doc of [live, reloaded]) {
				const content = contentOf(doc);
				expect(Object.values(content.attendance).every((a) => (a as { arrivedAt: number }).arrivedAt > 0)).toBe(true);
				expect(Object.values(content.agenda).every((a) => (a as { order: number }).order > -999)).toBe(true);
				expect(JSON.stringify(content.reportBacks)).not.toContain('FORBIDDEN');
				expect(content.meta).toEqual({});
			}
			expect([...serverRemovals].filter((id) => !allowedRemovals.has(id))).toEqual([]);
		} finally {
			logs.restore();
			for (const c of clients) c.destroy();
		}
	});
});
