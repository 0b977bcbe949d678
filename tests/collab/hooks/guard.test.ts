import { beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { collabHooks } from '../../../server/collab-hooks';
import type { Connection } from '../../../server/collab/connection';
import { readConfig } from '../../../server/config';
import { demoId, seedDemo } from '../../../server/demo/seed';
import { describeEachEngine } from '../../support/database';

/** Just enough of a connection for the guard: its document and who writes. */
const connection = (name: string, authority?: unknown) =>
	({ live: { name, doc: new Y.Doc() }, admission: { authority }, identity: { id: demoId('user', 'cdo') }, added: new Set() }) as unknown as Connection;

describeEachEngine('collaboration hook: guard', (use) => {
	beforeAll(async () => {
		await seedDemo(use().db);
	});
	const guard = (conn: Connection) => collabHooks(use().db, readConfig({})).guard(conn, []);

	it("lets a minutes draft's admitted writers write all of it (its access admits only those whose authority covers it)", async () => {
		expect(await guard(connection(`minutes:${demoId('meeting', 'dkt-wg:-1')}`))).toEqual({ ok: true });
	});

	it('refuses changes to a document that is neither a meeting nor minutes, or a meeting without an authority', async () => {
		for (const name of ['case:' + demoId('case', 'x'), 'meeting:not-a-uuid', 'notes', '', `meeting:${demoId('meeting', 'dkt-wg:-1')}`])
			expect(await guard(connection(name)), name).toEqual({ ok: false, rule: 'unknown-part' });
	});
});
