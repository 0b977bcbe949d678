import { beforeAll, expect, it } from 'vitest';
import { collabHooks } from '../../../server/collab-hooks';
import { readConfig } from '../../../server/config';
import { demoId, seedDemo } from '../../../server/demo/seed';
import { describeEachEngine } from '../../support/database';
import { captureLog, waitFor } from '../support';

describeEachEngine('collaboration hook: record', (use) => {
	const user = demoId('user', 'cdo');
	beforeAll(async () => {
		await seedDemo(use().db);
	});
	const rows = (action: string, doc: string) =>
		use().db.selectFrom('audit_event').selectAll().where('action', '=', action).where('target_id', '=', doc).execute();

	it('keeps a refused change in the audit log, with its rule', async () => {
		const doc = `meeting:${demoId('meeting', 'dkt-wg:-1')}`;
		collabHooks(use().db, readConfig({})).record({ kind: 'change_refused', doc, userId: user, rule: 'agenda-order' });
		await waitFor(async () => (await rows('collab.change_refused', doc)).length === 1, 'audit row');
		const [row] = await rows('collab.change_refused', doc);
		expect(row).toMatchObject({ actor_id: user, outcome: 'denied', target_type: 'document' });
		expect(row!.detail).toEqual({ rule: 'agenda-order' });
	});

	it("keeps who opened a case conference's document, or was refused it, with the case", async () => {
		const doc = `meeting:${demoId('meeting', 'case-conference')}`;
		const caseId = demoId('case', 'dkt-1');
		const hooks = collabHooks(use().db, readConfig({}));
		hooks.record({ kind: 'case_document', doc, userId: user, caseId, outcome: 'success' });
		hooks.record({ kind: 'case_document', doc, userId: demoId('user', 'police'), caseId, outcome: 'denied' });
		await waitFor(async () => (await rows('case.conference_document', doc)).length === 2, 'audit rows');
		const outcomes = (await rows('case.conference_document', doc)).map((r) => [r.actor_id, r.outcome, r.detail]);
		expect(outcomes).toEqual(
			expect.arrayContaining([
				[user, 'success', { case: caseId }],
				[demoId('user', 'police'), 'denied', { case: caseId }]
			])
		);
	});

	it('never throws into the collaboration core when the audit log cannot be written: it says so in the log', async () => {
		const log = captureLog();
		try {
			// An actor id that is not a UUID cannot be stored.
			collabHooks(use().db, readConfig({})).record({ kind: 'change_refused', doc: 'meeting:x', userId: 'not-a-uuid', rule: 'r' });
			await waitFor(() => log.events.some((e) => e.event === 'collab.audit_failed' && e.doc === 'meeting:x'), 'the failure in the log');
		} finally {
			log.restore();
		}
	});
});
