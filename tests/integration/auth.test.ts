import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createLink, inspectLink } from '../../server/auth/links';
import { createSession, validateSessionToken } from '../../server/auth/session';
import { signIn, signOutEverywhere } from '../../server/auth/signin';
import { checkPasswordStrength } from '../../server/auth/password';
import { events } from '../../server/events';
import { completeLink, setUserActive } from '../../server/users/service';
import { describeEachEngine } from '../support/database';
import { makeUser, TEST_PASSWORD } from '../support/factories';

const policy = { idleMs: 8 * 3600_000, absoluteMs: 7 * 24 * 3600_000 };
const client = { clientAddress: '203.0.113.7', userAgent: 'test' };
const at = (iso: string) => new Date(iso);
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

describeEachEngine('sign-in and sessions', (use) => {
	it('signs in with the right password and refuses a wrong one with the same answer as an unknown user', async () => {
		const { db } = use();
		const u = await makeUser(db);
		const good = await signIn(db, { username: u.username.toUpperCase(), password: TEST_PASSWORD, ...client }, policy);
		expect(good.ok).toBe(true);
		const wrong = await signIn(db, { username: u.username, password: 'not the password', ...client, clientAddress: '198.51.100.1' }, policy);
		const unknown = await signIn(db, { username: 'nobody_here', password: 'whatever pass', ...client, clientAddress: '198.51.100.2' }, policy);
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
	});

	it('refuses a disabled account like a wrong password', async () => {
		const { db } = use();
		const u = await makeUser(db, { active: false });
		expect(await signIn(db, { username: u.username, password: TEST_PASSWORD, ...client, clientAddress: '198.51.100.3' }, policy)).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('slides the idle expiry with activity but never past the absolute lifetime', async () => {
		const { db } = use();
		const u = await makeUser(db);
		const t0 = at('2026-04-01T00:00:00Z');
		const { token } = await createSession(db, u.id, client, policy, t0);
		// Active every 7 hours: still valid on day 6.
		let t = t0;
		for (let i = 0; i < 20; i++) {
			t = minutes(t, 7 * 60);
			expect(await validateSessionToken(db, token, policy, t)).not.toBeNull();
		}
		// Past seven days it ends, however active.
		expect(await validateSessionToken(db, token, policy, minutes(t0, 7 * 24 * 60 + 1))).toBeNull();
	});

	it('ends a session after eight idle hours', async () => {
		const { db } = use();
		const u = await makeUser(db);
		const t0 = at('2026-04-10T00:00:00Z');
		const { token } = await createSession(db, u.id, client, policy, t0);
		expect(await validateSessionToken(db, token, policy, minutes(t0, 8 * 60 - 1))).not.toBeNull();
		const later = minutes(t0, 8 * 60 - 1 + 8 * 60 + 1);
		expect(await validateSessionToken(db, token, policy, later)).toBeNull();
		expect(await db.selectFrom('user_session').select('id').where('user_id', '=', u.id).execute()).toHaveLength(0);
	});

	it('stores only the hash of the token and gives a new token on every sign-in', async () => {
		const { db } = use();
		const u = await makeUser(db);
		const a = await signIn(db, { username: u.username, password: TEST_PASSWORD, ...client, clientAddress: '198.51.100.9' }, policy);
		const b = await signIn(db, { username: u.username, password: TEST_PASSWORD, ...client, clientAddress: '198.51.100.9' }, policy);
		if (!a.ok || !b.ok) throw new Error('sign-in failed');
		expect(a.token).not.toBe(b.token);
		expect(a.token).toMatch(/^[a-z2-7]{40}$/);
		const rows = await db.selectFrom('user_session').select('id').where('user_id', '=', u.id).execute();
		expect(rows.map((r) => r.id)).not.toContain(a.token);
		// A made-up cookie value is never a session.
		expect(await validateSessionToken(db, 'a'.repeat(40), policy)).toBeNull();
		expect(await validateSessionToken(db, 'not-a-token', policy)).toBeNull();
	});

	it('ends every session and tells the collaboration side when a user is disabled or signs out everywhere', async () => {
		const { db } = use();
		const admin = await makeUser(db, { admin: true });
		const u = await makeUser(db);
		const s1 = await createSession(db, u.id, client, policy);
		const s2 = await createSession(db, u.id, client, policy);
		const heard: string[] = [];
		const off = events.on('sessions.ended', (e) => heard.push(`${e.userId}:${e.reason}`));
		try {
			expect(await setUserActive(db, admin.actor, u.id, false, null)).toEqual({ ok: true });
			expect(await validateSessionToken(db, s1.token, policy)).toBeNull();
			expect(await validateSessionToken(db, s2.token, policy)).toBeNull();
			expect(heard).toContain(`${u.id}:disabled`);
			await setUserActive(db, admin.actor, u.id, true, null);
			const s3 = await createSession(db, u.id, client, policy);
			expect(await signOutEverywhere(db, u.id, null)).toBe(1);
			expect(await validateSessionToken(db, s3.token, policy)).toBeNull();
			expect(heard).toContain(`${u.id}:sign_out_everywhere`);
		} finally {
			off();
		}
	});

	it('does not let an administrator disable their own account', async () => {
		const { db } = use();
		const admin = await makeUser(db, { admin: true });
		expect(await setUserActive(db, admin.actor, admin.id, false, null)).toEqual({ ok: false, errors: { user: 'cannot_disable_self' } });
	});
});

describeEachEngine('one-time links', (use) => {
	it('sets a password once, within 72 hours, and refuses it after', async () => {
		const { db } = use();
		const u = await makeUser(db, { password: null });
		const t0 = at('2026-05-01T00:00:00Z');
		const { token } = await createLink(db, u.id, 'invitation', null, t0);
		expect((await inspectLink(db, token, minutes(t0, 72 * 60 - 1))).status).toBe('valid');
		expect((await inspectLink(db, token, minutes(t0, 72 * 60 + 1))).status).toBe('expired');
		expect(await completeLink(db, token, { password: 'short', confirm: 'short' }, null, minutes(t0, 10))).toEqual({
			ok: false,
			errors: { password: 'too_short' }
		});
		expect(await completeLink(db, token, { password: '1234567890', confirm: '1234567890' }, null, minutes(t0, 10))).toEqual({
			ok: false,
			errors: { password: 'too_common' }
		});
		expect(await completeLink(db, token, { password: 'river stones at dusk', confirm: 'river stones at dawn' }, null, minutes(t0, 10))).toEqual({
			ok: false,
			errors: { confirm: 'mismatch' }
		});
		expect(await completeLink(db, token, { password: 'river stones at dusk', confirm: 'river stones at dusk' }, null, minutes(t0, 10))).toEqual({
			ok: true,
			userId: u.id
		});
		expect((await inspectLink(db, token, minutes(t0, 11))).status).toBe('used');
		expect(await completeLink(db, token, { password: 'another good phrase', confirm: 'another good phrase' }, null, minutes(t0, 12))).toEqual({
			ok: false,
			errors: { link: 'used' }
		});
		expect(await signIn(db, { username: u.username, password: 'river stones at dusk', clientAddress: '198.51.100.77', userAgent: null }, policy)).toMatchObject(
			{ ok: true }
		);
	});

	it('treats malformed and unknown links as invalid, and a newer link replaces an older one', async () => {
		const { db } = use();
		const u = await makeUser(db);
		expect((await inspectLink(db, 'garbage')).status).toBe('invalid');
		expect((await inspectLink(db, 'b'.repeat(40))).status).toBe('invalid');
		const first = await createLink(db, u.id, 'reset', null);
		await createLink(db, u.id, 'reset', null);
		expect((await inspectLink(db, first.token)).status).toBe('used');
	});

	it('ends existing sessions when a password is reset through a link', async () => {
		const { db } = use();
		const u = await makeUser(db);
		const s = await createSession(db, u.id, client, policy);
		const { token } = await createLink(db, u.id, 'reset', null);
		await completeLink(db, token, { password: 'a brand new phrase', confirm: 'a brand new phrase' }, null);
		expect(await validateSessionToken(db, s.token, policy)).toBeNull();
	});
});

describeEachEngine('audit log', (use) => {
	it('records sign-ins in the same transaction and cannot be changed or removed', async () => {
		const { db } = use();
		const u = await makeUser(db);
		await signIn(db, { username: u.username, password: TEST_PASSWORD, clientAddress: '198.51.100.200', userAgent: null }, policy);
		const rows = await db.selectFrom('audit_event').selectAll().where('actor_id', '=', u.id).execute();
		expect(rows.map((r) => `${r.action}:${r.outcome}`)).toContain('auth.sign_in:success');
		expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
		await expect(sql`update audit_event set outcome = 'failure'`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`truncate audit_event`.execute(db)).rejects.toThrow(/append-only/);
		expect((await db.selectFrom('audit_event').selectAll().where('actor_id', '=', u.id).execute()).length).toBe(rows.length);
	});
});

it('passwords: length 10+, common ones refused, no composition rules', () => {
	expect(checkPasswordStrength('short')).toBe('too_short');
	expect(checkPasswordStrength('Password123')).toBe('too_common');
	expect(checkPasswordStrength('ดอกคำใต้ประชุมทุกเดือน')).toBeNull();
	expect(checkPasswordStrength('all lowercase words')).toBeNull();
});
