import { expect, test } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { decisionsOf, removeDecision } from '../../src/lib/meeting-doc/schema';
import { person } from './support';

const COMMITTEE = 'คณะกรรมการศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์อำเภอดอกคำใต้';
const DECISION = 'ให้โรงเรียนรายงานเด็กที่ขาดเรียนต่อเนื่องเกินสองสัปดาห์';

/** Applies the document content a server frame carries (sync step 2 or update) to `doc`. */
function applyServerFrame(doc: Y.Doc, data: Buffer): void {
	const d = decoding.createDecoder(new Uint8Array(data));
	if (decoding.readVarUint(d) !== 0) return;
	const step = decoding.readVarUint(d);
	if (step === 1 || step === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
}

test("a change the member's role does not allow, forced from their own browser, is refused with a message and nothing is lost", async ({ browser }) => {
	const secretary = await person(browser, 'darunee', '10.8.0.1');
	await secretary.goto('/meetings');
	await secretary.getByTestId('meeting-row').filter({ hasText: COMMITTEE }).filter({ hasText: 'นัดไว้' }).first().getByRole('link').click();
	await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	await secretary.getByLabel('ข้อความมติ').fill(DECISION);
	await secretary.getByLabel('หน่วยงานหลัก').last().selectOption({ index: 1 });
	await secretary.getByRole('button', { name: 'บันทึกมติ' }).click();

	// The member's browser goes through a socket the test can speak on, as a tampered client would.
	const member = await person(browser, 'somchai', '10.8.0.2');
	const mirror = new Y.Doc();
	let forge: ((frame: Uint8Array) => void) | null = null;
	await member.routeWebSocket(/\/collab\//, (ws) => {
		const server = ws.connectToServer();
		ws.onMessage((m) => server.send(m));
		server.onMessage((m) => {
			if (typeof m !== 'string') applyServerFrame(mirror, m);
			ws.send(m);
		});
		forge = (frame) => server.send(Buffer.from(frame));
	});
	await member.goto(secretary.url());
	await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	await expect(member.getByTestId('decision').getByLabel('ข้อความมติ')).toHaveValue(DECISION);
	await expect(member.getByRole('button', { name: 'ลบมติ' })).toHaveCount(0);

	// Remove the decision in a copy of the document and send that change as the member's own.
	const id = [...decisionsOf(mirror).entries()].find(([, d]) => d.get('text') === DECISION)![0];
	const before = Y.encodeStateVector(mirror);
	removeDecision(mirror, id);
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(mirror, before));
	expect(forge).not.toBeNull();
	forge!(encoding.toUint8Array(e));

	const notice = member.getByTestId('change-refused');
	await expect(notice).toBeVisible();
	await expect(notice).toHaveAttribute('data-rule', 'remove');
	await expect(notice).toContainText('เฉพาะประธาน รองประธาน หรือเลขานุการเท่านั้นที่ลบมติ');
	// Nobody lost the decision: the member's workspace started again from the server's state.
	await expect(member.getByTestId('decision').getByLabel('ข้อความมติ')).toHaveValue(DECISION);
	await expect(secretary.getByTestId('decision').getByLabel('ข้อความมติ')).toHaveValue(DECISION);
	await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
});
