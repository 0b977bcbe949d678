import { beforeAll, expect, it } from 'vitest';
import { collabHooks } from '../../../server/collab-hooks';
import { readConfig } from '../../../server/config';
import { demoId, seedDemo } from '../../../server/demo/seed';
import { describeEachEngine } from '../../support/database';

/** The hook the collaboration core asks on every upgrade, and again when someone's rights may have changed. */
describeEachEngine('collaboration hook: authorise', (use) => {
	const actor = (key: string, isAdmin = false) => ({ userId: demoId('user', key), isAdmin });
	const meeting = (key: string) => `meeting:${demoId('meeting', key)}`;
	beforeAll(async () => {
		await seedDemo(use().db);
	});
	const authorise = (who: ReturnType<typeof actor>, name: string) => collabHooks(use().db, readConfig({})).authorise(who, name);

	it("lets the working group's secretary write its next meeting, with the authority the guard will judge by", async () => {
		const access = await authorise(actor('cdo'), meeting('dkt-wg:next'));
		expect(access).toMatchObject({ allowed: true, mode: 'write' });
		expect(access.allowed && access.authority).toBeTruthy();
	});

	it('lets members write the meeting, the province read it, and refuses an organisation not on the group', async () => {
		expect(await authorise(actor('police'), meeting('dkt-wg:next'))).toMatchObject({ allowed: true, mode: 'write' });
		expect(await authorise(actor('pmj-sec'), meeting('dkt-wg:next'))).toMatchObject({ allowed: true, mode: 'read' });
		expect(await authorise(actor('labour'), meeting('dkt-wg:next'))).toEqual({ allowed: false, status: 403 });
	});

	it('keeps a case conference to its case team, and names the case either way so the opening is recorded', async () => {
		const conference = meeting('case:c1:conference');
		const caseId = demoId('case', 'c1');
		// Outside the team, the conference does not exist, for a member of the group and an administrator alike.
		expect(await authorise(actor('police'), conference)).toEqual({ allowed: false, status: 404, caseId });
		expect(await authorise(actor('admin', true), conference)).toEqual({ allowed: false, status: 404, caseId });
		expect(await authorise(actor('cdo'), conference)).toMatchObject({ allowed: true, mode: 'write', caseId });
		expect(await authorise(actor('hospital'), conference)).toMatchObject({ allowed: true, caseId });
	});

	it('admits no document it cannot name, whoever asks', async () => {
		for (const name of [
			'',
			'meeting:',
			'meeting:not-a-uuid',
			`meeting:${demoId('meeting', 'no-such')}`,
			`other:${demoId('meeting', 'dkt-wg:next')}`,
			`minutes:x`
		]) {
			expect(await authorise(actor('cdo'), name), name).toMatchObject({ allowed: false, status: 404 });
			expect(await authorise(actor('admin', true), name), name).toMatchObject({ allowed: false });
		}
	});
});
