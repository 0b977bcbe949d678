import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeCode } from '../../src/lib/collab/protocol';
import {
	addAgendaItem,
	addDecision,
	attendanceOf,
	decisionsOf,
	metaOf,
	notesOf,
	removeDecision,
	removedOf,
	reportBacksOf,
	setAttendance
} from '../../src/lib/meeting-doc/schema';
import { demoId } from '../../server/demo/seed';
import { describeEachEngine } from '../support/database';
import {
	frame,
	meetingDoc,
	openClient,
	presenceMessage,
	rawSocket,
	seedMeetingsInProgress,
	sessionFor,
	startCollab,
	waitFor,
	type TestServer
} from './support';

/**
 * Updates no stock client writes, crafted as an attacker with a member's
 * account would: overwrites hidden from the delete set, values the map does
 * not show first, forward references, someone else's client id, sweeps of the
 * whole document. Each is refused and nothing of it is kept.
 */

const name = meetingDoc('dkt-wg:1');
const org = (key: string) => demoId('org', key);

/**
 * An update with its delete set taken out. Yjs writes a document's whole
 * delete set after the structs; an update from the full state vector is that
 * delete set behind an empty struct section (one byte).
 */
function withoutDeletions(doc: Y.Doc, update: Uint8Array): Uint8Array {
	const ds = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)).slice(1);
	return Uint8Array.from([...update.slice(0, update.length - ds.length), 0]);
}

describeEachEngine('changes crafted past the stock client', (use) => {
	let server: TestServer;
	let police: string;
	let secretary: string;
	const item = crypto.randomUUID();
	const decision = crypto.randomUUID();

	const live = () => server.collab.document(name)!;

	/** The server's document as a replica the attacker holds. */
	function replica(): Y.Doc {
		const d = new Y.Doc();
		Y.applyUpdate(d, Y.encodeStateAsUpdate(live()));
		return d;
	}

	/** Sends an update as the member on a raw socket and answers how the server closed it (or 'kept'). */
	async function send(update: Uint8Array, token = police): Promise<string> {
		const ws = await rawSocket(server, token, name, '?ack=1');
		const reason = new Promise<string>((resolve) => ws.once('close', (code, r) => resolve(code === closeCode.changeRefused ? r.toString() : `closed ${code}`)));
		ws.send(frame(0, 2, update));
		const outcome = await Promise.race([reason, new Promise<string>((r) => setTimeout(() => r('kept'), 1_500))]);
		ws.terminate();
		return outcome;
	}

	beforeAll(async () => {
		const { db } = use();
		await seedMeetingsInProgress(db);
		police = await sessionFor(db, 'police');
		secretary = await sessionFor(db, 'cdo');
		server = await startCollab(db, { unloadAfterMs: 60_000 });
		const c = openClient(server, secretary, name);
		await waitFor(() => c.status.synced, 'synced');
		addAgendaItem(c.doc, { id: item, title: 'วาระทดสอบ', minutes: 10, presenterOrgId: null, standing: null });
		addDecision(c.doc, { id: decision, agendaItemId: item, text: 'มติของเลขานุการ', leadOrgId: org('dkt-cdo'), supportingOrgIds: [] });
		setAttendance(c.doc, org('dkt-police'), 'present');
		await waitFor(() => c.status.state === 'saved', 'saved');
		c.destroy();
	});
	afterAll(() => server?.close());

	it("an overwrite of another person's decision, its delete set stripped, is a removal and refused", async () => {
		const d = replica();
		const sv = Y.encodeStateVector(d);
		decisionsOf(d).set(decision, new Y.Map());
		expect(await send(withoutDeletions(d, Y.encodeStateAsUpdate(d, sv)))).toBe('refused:remove');
		expect(decisionsOf(live()).get(decision)!.get('text')).toBe('มติของเลขานุการ');
	});

	it('values written and deleted at once under officer-only and server-only keys are refused', async () => {
		const d = replica();
		const sv = Y.encodeStateVector(d);
		d.transact(() => {
			metaOf(d).set('status', 0);
			metaOf(d).delete('status');
			attendanceOf(d).set(org('dkt-police'), new Y.Map());
			attendanceOf(d).delete(org('dkt-police'));
			notesOf(d, item).insert(0, [new Y.XmlText('ปิดบัง')]);
		});
		expect(await send(withoutDeletions(d, Y.encodeStateAsUpdate(d, sv)))).toMatch(/^refused:(server-only|attendance)$/);
		expect(attendanceOf(live()).has(org('dkt-police'))).toBe(true);
	});

	it('a key holding several values (the map shows the last) is refused', async () => {
		const action = demoId('action', 'a6');
		// Written by hand: a new report-back whose `outcome` is one entry holding [null, 'accepted'].
		const e = encoding.createEncoder();
		const client = 123_456_789;
		const clock = 0;
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, clock);
		// The report-back map itself, at root `reportBacks`, key = the action.
		encoding.writeUint8(e, 7 | 32);
		encoding.writeVarUint(e, 1);
		encoding.writeVarString(e, 'reportBacks');
		encoding.writeVarString(e, action);
		encoding.writeVarUint(e, 1);
		// `outcome` under it, as two values.
		encoding.writeUint8(e, 8 | 32);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, clock);
		encoding.writeVarString(e, 'outcome');
		encoding.writeVarUint(e, 2);
		encoding.writeAny(e, null);
		encoding.writeAny(e, 'accepted');
		encoding.writeVarUint(e, 0);
		expect(await send(encoding.toUint8Array(e))).toBe('refused:bad-content');
		expect(reportBacksOf(live()).has(action)).toBe(false);
	});

	it('a reference forward in the same update is incomplete, and the server stays up', async () => {
		const client = 987_654_321;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, 0);
		// A value whose parent is the next struct, then a new decision map.
		encoding.writeUint8(e, 8 | 32);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, 1);
		encoding.writeVarString(e, 'text');
		encoding.writeVarUint(e, 1);
		encoding.writeAny(e, 'x');
		encoding.writeUint8(e, 7 | 32);
		encoding.writeVarUint(e, 1);
		encoding.writeVarString(e, 'decisions');
		encoding.writeVarString(e, crypto.randomUUID());
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, 0);
		expect(await send(encoding.toUint8Array(e))).toBe('refused:incomplete');
		expect(live().store.pendingStructs).toBeNull();
		// Still serving.
		const c = openClient(server, secretary, name);
		await waitFor(() => c.status.synced, 'a newcomer syncs');
		c.destroy();
	});

	it('writing under the client id another person writes with is refused', async () => {
		const c = openClient(server, secretary, name);
		await waitFor(() => c.status.synced, 'synced');
		notesOf(c.doc, item).insert(0, [new Y.XmlText('เลขานุการ')]);
		await waitFor(() => c.status.state === 'saved', 'saved');
		const d = new Y.Doc();
		Y.applyUpdate(d, Y.encodeStateAsUpdate(live()));
		// Yjs gives a replica a fresh id when it meets its own in an update: take the secretary's after syncing.
		d.clientID = c.doc.clientID;
		const sv = Y.encodeStateVector(d);
		notesOf(d, item).insert(0, [new Y.XmlText('ปลอม')]);
		expect(await send(Y.encodeStateAsUpdate(d, sv))).toBe('refused:foreign-client');
		c.destroy();
	});

	it("someone passing on another person's departure does not take their client id from them", async () => {
		const doc = new Y.Doc();
		const first = openClient(server, secretary, name, doc);
		await waitFor(() => first.status.synced, 'synced');
		notesOf(doc, item).insert(0, [new Y.XmlText('ก่อนหลุด ')]);
		await waitFor(() => first.status.state === 'saved', 'saved');
		first.provider.disconnect();
		// A stock client relays the departure it saw: a removal of the secretary's presence.
		const ws = await rawSocket(server, police, name);
		ws.send(presenceMessage(doc.clientID, 99, null));
		await new Promise((r) => setTimeout(r, 100));
		ws.terminate();
		// She comes back with the same document (the same client id) and writes on.
		first.provider.connect();
		await waitFor(() => first.status.synced, 'synced again');
		notesOf(doc, item).insert(0, [new Y.XmlText('กลับมาแล้ว ')]);
		await waitFor(() => first.status.state === 'saved' || first.status.refused !== null, 'answered');
		expect(first.status.refused).toBeNull();
		expect(notesOf(live(), item).toString()).toContain('กลับมาแล้ว');
		first.destroy();
	});

	it('an update that changes nothing (all of it known already) is taken without effect', async () => {
		const c = openClient(server, secretary, name);
		await waitFor(() => c.status.synced, 'synced');
		const doomed = crypto.randomUUID();
		addDecision(c.doc, { id: doomed, agendaItemId: item, text: 'จะถูกลบ', leadOrgId: org('dkt-cdo'), supportingOrgIds: [] });
		await waitFor(() => c.status.state === 'saved', 'added');
		removeDecision(c.doc, doomed);
		await waitFor(() => c.status.state === 'saved' && removedOf(live()).has(doomed), 'removed');
		// Sending the same removal again changes nothing and is simply acknowledged.
		const again = Y.encodeStateAsUpdate(c.doc);
		expect(await send(again, secretary)).toBe('kept');
		c.destroy();
	});
});
