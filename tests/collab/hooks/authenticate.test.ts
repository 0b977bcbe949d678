import type { IncomingMessage } from 'node:http';
import { beforeAll, expect, it } from 'vitest';
import { createSession } from '../../../server/auth/session';
import { collabHooks } from '../../../server/collab-hooks';
import { readConfig } from '../../../server/config';
import { demoId, seedDemo } from '../../../server/demo/seed';
import { describeEachEngine } from '../../support/database';

const http = new URL('http://concord.test');
const https = new URL('https://concord.test');
const request = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as IncomingMessage;

describeEachEngine('collaboration hook: authenticate (and sessionValid)', (use) => {
	const user = demoId('user', 'cdo');
	let token: string;
	beforeAll(async () => {
		await seedDemo(use().db);
		token = (await createSession(use().db, user, { clientAddress: null, userAgent: null })).token;
	});
	const hooks = () => collabHooks(use().db, readConfig({}));

	it('knows the person by the session cookie the pages set for the page’s scheme', async () => {
		const person = await hooks().authenticate(request(`other=1; concord_session=${token}`), http);
		expect(person?.actor).toEqual({ userId: user, isAdmin: false });
		expect(person?.identity.id).toBe(user);
		expect(person?.identity.name).toBeTruthy();
		expect(person?.identity.colour).toMatch(/^#[0-9a-f]{6}$/i);
		expect(person?.token).toBe(token);
		expect(await hooks().authenticate(request(`__Host-concord_session=${token}`), https)).not.toBeNull();
		expect(await hooks().sessionValid(token)).toBe(true);
	});

	it('knows nobody without a cookie, under the other scheme’s name, or with a token that is not a session', async () => {
		expect(await hooks().authenticate(request(), http)).toBeNull();
		expect(await hooks().authenticate(request(`__Host-concord_session=${token}`), http)).toBeNull();
		expect(await hooks().authenticate(request(`concord_session=${token}`), https)).toBeNull();
		for (const bad of ['', 'x', token.slice(0, -1), `${token}x`, 'a'.repeat(token.length), '%00', '../../etc']) {
			expect(await hooks().authenticate(request(`concord_session=${bad}`), http), bad).toBeNull();
			expect(await hooks().sessionValid(bad), bad).toBe(false);
		}
	});

	it('knows nobody once the session has ended or the account is disabled', async () => {
		const ended = (await createSession(use().db, user, { clientAddress: null, userAgent: null })).token;
		await use()
			.db.updateTable('user_session')
			.set({ absolute_expires_at: new Date(Date.now() - 1000) })
			.where('user_id', '=', user)
			.execute();
		expect(await hooks().authenticate(request(`concord_session=${ended}`), http)).toBeNull();
		expect(await hooks().sessionValid(ended)).toBe(false);

		const other = demoId('user', 'police');
		const disabled = (await createSession(use().db, other, { clientAddress: null, userAgent: null })).token;
		expect(await hooks().sessionValid(disabled)).toBe(true);
		await use().db.updateTable('app_user').set({ active: false }).where('id', '=', other).execute();
		expect(await hooks().authenticate(request(`concord_session=${disabled}`), http)).toBeNull();
		expect(await hooks().sessionValid(disabled)).toBe(false);
	});
});
