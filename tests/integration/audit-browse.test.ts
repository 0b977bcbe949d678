import { expect, it } from 'vitest';
import { audit } from '../../server/audit';
import { browseAudit } from '../../server/audit-service';
import { describeEachEngine } from '../support/database';
import { makeUser } from '../support/factories';

describeEachEngine('browsing the audit log', (use) => {
	it('filters by the actor’s username in any case, and an unknown name matches nothing', async () => {
		const { db } = use();
		const admin = await makeUser(db, { admin: true });
		const somchai = await makeUser(db, { username: `Somchai_${Date.now()}` });
		const other = await makeUser(db);
		await audit(db, { actorId: somchai.id, action: 'test.browse', outcome: 'success' });
		await audit(db, { actorId: other.id, action: 'test.browse', outcome: 'success' });
		await audit(db, { actorId: null, action: 'test.browse', outcome: 'success' });

		const mine = await browseAudit(db, admin.actor, { action: 'test.browse', actor: `  ${somchai.username.toUpperCase()} ` });
		expect(mine.events.map((e) => e.actor_id)).toEqual([somchai.id]);
		expect(mine.events[0]!.actor_username).toBe(somchai.username);
		expect((await browseAudit(db, admin.actor, { action: 'test.browse', actor: 'nobody-by-this-name' })).events).toEqual([]);
		expect((await browseAudit(db, admin.actor, { action: 'test.browse', actor: '   ' })).events).toEqual([]);
		expect((await browseAudit(db, admin.actor, { action: 'test.browse' })).events).toHaveLength(3);
	});

	it('is for administrators only', async () => {
		const { db } = use();
		const member = await makeUser(db);
		await expect(browseAudit(db, member.actor, {})).rejects.toMatchObject({ status: 403 });
	});
});
