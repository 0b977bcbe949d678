import { expect, it } from 'vitest';
import { signIn, type SignInResult } from '../../server/auth/signin';
import { ADDRESS_MAX_DELAY_MS, growingDelayMs, USERNAME_MAX_DELAY_MS } from '../../server/auth/throttle';
import { describeEachEngine } from '../support/database';
import { makeUser, TEST_PASSWORD } from '../support/factories';

const policy = { idleMs: 8 * 3600_000, absoluteMs: 7 * 24 * 3600_000 };
const WRONG = 'not the password';
const seconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

function retryOf(r: SignInResult): number {
	if (r.ok || r.reason !== 'throttled') throw new Error(`expected a throttled answer, got ${JSON.stringify(r)}`);
	return r.retryAfterSeconds;
}

describeEachEngine('sign-in throttle', (use) => {
	const attempt = (username: string, password: string, clientAddress: string, at: Date) =>
		signIn(use().db, { username, password, clientAddress, userAgent: null }, policy, at);

	it('lets a person in from a clean address while someone else hammers their username', async () => {
		const u = await makeUser(use().db);
		const t0 = new Date('2026-04-01T02:00:00Z');
		// One attacker address, waiting out every delay it is given, and a second one joining in.
		let t = t0;
		let refusedAttacker = 0;
		for (let i = 0; i < 30; i++) {
			const r = await attempt(u.username, WRONG, i % 2 ? '198.51.100.10' : '198.51.100.11', t);
			if (!r.ok && r.reason === 'throttled') refusedAttacker++;
			t = seconds(t, 5);
		}
		expect(refusedAttacker).toBeGreaterThan(0);
		// The owner of the username, at work, has not failed from there: in at once.
		const owner = await attempt(u.username, TEST_PASSWORD, '203.0.113.40', t);
		expect(owner.ok).toBe(true);
	});

	it('locks only the pair after six failures; the same username from elsewhere and the same address for others go on', async () => {
		const db = use().db;
		const u = await makeUser(db);
		const other = await makeUser(db);
		const t0 = new Date('2026-04-02T02:00:00Z');
		// Spaced out so that the username's own slowing never bites: only the pair rule counts here.
		for (let i = 0; i < 6; i++) expect(await attempt(u.username, WRONG, '198.51.100.20', seconds(t0, i * 90))).toEqual({ ok: false, reason: 'invalid' });
		const later = seconds(t0, 6 * 90);
		const locked = await attempt(u.username, TEST_PASSWORD, '198.51.100.20', later);
		expect(locked).toMatchObject({ ok: false, reason: 'throttled' });
		// Until the oldest of the six leaves the ten-minute window.
		expect(retryOf(locked)).toBe(10 * 60 - 6 * 90);
		expect((await attempt(other.username, TEST_PASSWORD, '198.51.100.20', later)).ok).toBe(true);
		expect((await attempt(u.username, TEST_PASSWORD, '203.0.113.41', later)).ok).toBe(true);
	});

	it('slows a username with growing delays, counted from the waiting address’s own last failure, never locking it', async () => {
		const db = use().db;
		const u = await makeUser(db);
		const t0 = new Date('2026-04-03T02:00:00Z');
		// Many addresses, one failure each, all within a minute.
		for (let i = 0; i < 12; i++) await attempt(u.username, WRONG, `192.0.2.${i}`, seconds(t0, i * 5));
		// The owner mistypes once from a clean address, then must wait: the delay runs from their own failure.
		const typo = seconds(t0, 60);
		expect(await attempt(u.username, WRONG, '203.0.113.42', typo)).toEqual({ ok: false, reason: 'invalid' });
		const wait = retryOf(await attempt(u.username, TEST_PASSWORD, '203.0.113.42', seconds(typo, 1)));
		expect(wait).toBeLessThanOrEqual(USERNAME_MAX_DELAY_MS / 1000);
		// The attacker keeps failing from elsewhere; that does not push the owner's wait further.
		for (let i = 0; i < 5; i++) await attempt(u.username, WRONG, `192.0.2.${100 + i}`, seconds(typo, 2 + i));
		expect((await attempt(u.username, TEST_PASSWORD, '203.0.113.42', seconds(typo, USERNAME_MAX_DELAY_MS / 1000))).ok).toBe(true);
	});

	it('slows one address trying many usernames, but never past a minute and not for people who signed in from it before', async () => {
		const db = use().db;
		const regular = await makeUser(db);
		const newcomer = await makeUser(db);
		const proxy = '10.20.0.1';
		const t0 = new Date('2026-04-04T02:00:00Z');
		expect((await attempt(regular.username, TEST_PASSWORD, proxy, seconds(t0, -86_400))).ok).toBe(true);
		let t = t0;
		for (let i = 0; i < 40; i++) {
			await attempt(`guess${i}`, WRONG, proxy, t);
			t = seconds(t, 1);
		}
		const slowed = await attempt(newcomer.username, TEST_PASSWORD, proxy, t);
		expect(retryOf(slowed)).toBeLessThanOrEqual(ADDRESS_MAX_DELAY_MS / 1000);
		expect((await attempt(regular.username, TEST_PASSWORD, proxy, t)).ok).toBe(true);
		expect((await attempt(newcomer.username, TEST_PASSWORD, proxy, seconds(t, ADDRESS_MAX_DELAY_MS / 1000))).ok).toBe(true);
	});

	it('forgets a username’s failures once it signs in', async () => {
		const u = await makeUser(use().db);
		const t0 = new Date('2026-04-06T02:00:00Z');
		for (let i = 0; i < 5; i++) await attempt(u.username, WRONG, `192.0.2.${150 + i}`, seconds(t0, i));
		// A fresh failure from an address now meets the slowed username …
		await attempt(u.username, WRONG, '203.0.113.43', seconds(t0, 10));
		retryOf(await attempt(u.username, TEST_PASSWORD, '203.0.113.43', seconds(t0, 11)));
		// … until the owner signs in from elsewhere: after that the earlier failures count no more.
		expect((await attempt(u.username, TEST_PASSWORD, '203.0.113.44', seconds(t0, 12))).ok).toBe(true);
		expect((await attempt(u.username, TEST_PASSWORD, '203.0.113.43', seconds(t0, 13))).ok).toBe(true);
	});

	it('records which rule refused a sign-in in the audit row, never the password', async () => {
		const db = use().db;
		const u = await makeUser(db);
		const t0 = new Date('2026-04-05T02:00:00Z');
		for (let i = 0; i < 6; i++) await attempt(u.username, WRONG, '198.51.100.30', seconds(t0, i * 90));
		await attempt(u.username, WRONG, '198.51.100.30', seconds(t0, 6 * 90));
		const row = await db
			.selectFrom('audit_event')
			.select(['outcome', 'detail'])
			.where('action', '=', 'auth.sign_in')
			.where('client_address', '=', '198.51.100.30')
			.where('outcome', '=', 'denied')
			.executeTakeFirstOrThrow();
		expect(row.detail).toEqual({ reason: 'throttled', rule: 'pair' });
	});
});

it('grows delays by doubling from the first failure past the free ones, up to the cap', () => {
	expect([2, 3, 4, 5, 6, 20].map((n) => growingDelayMs(n, 3, 120_000))).toEqual([0, 1000, 2000, 4000, 8000, 120_000]);
});
