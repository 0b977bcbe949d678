import { expect, test, type Page } from '@playwright/test';
import { hydrated, signInAs, signOut, visitReady } from './support';

test.describe('accounts', () => {
	test('an administrator invites a user, who sets a password, signs in and signs out', async ({ page, browser }) => {
		await signInAs(page, 'admin');
		await page.goto('/admin/users');
		await page.getByLabel('ชื่อที่แสดง').fill('สมศรี ทดลองใช้');
		await page.getByLabel('ชื่อผู้ใช้หรืออีเมล').fill('somsri');
		await page.getByRole('button', { name: 'สร้างบัญชีและลิงก์เชิญ' }).click();
		const link = await page.getByLabel('ลิงก์ใช้ครั้งเดียว').inputValue();
		expect(link).toMatch(/\/link\/[a-z2-7]{40}$/);
		await expect(page.getByTestId('user-row').filter({ hasText: 'สมศรี ทดลองใช้' })).toContainText('รอตั้งรหัสผ่าน');
		await signOut(page);

		// The invitee opens the link in their own browser.
		const invitee = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.2' } });
		const p = await invitee.newPage();
		await p.goto(link);
		await expect(p.getByRole('heading', { level: 1 })).toHaveText('ยินดีต้อนรับ สมศรี ทดลองใช้');
		await p.getByLabel('รหัสผ่านใหม่').fill('short');
		await p.getByLabel('ยืนยันรหัสผ่าน').fill('short');
		await p.getByRole('button', { name: 'บันทึกรหัสผ่าน' }).click();
		await expect(p.getByText('รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร')).toBeVisible();
		await p.getByLabel('รหัสผ่านใหม่').fill('ดอกไม้บานที่พะเยา');
		await p.getByLabel('ยืนยันรหัสผ่าน').fill('ดอกไม้บานที่พะเยา');
		await p.getByRole('button', { name: 'บันทึกรหัสผ่าน' }).click();
		await expect(p.getByText('ตั้งรหัสผ่านเรียบร้อยแล้ว')).toBeVisible();

		await signInAs(p, 'somsri', 'ดอกไม้บานที่พะเยา');
		await expect(p.getByRole('banner').getByRole('button', { name: 'สมศรี ทดลองใช้' })).toBeVisible();
		await signOut(p);
		// The link is single use.
		await p.goto(link);
		await expect(p.getByTestId('link-status')).toContainText('ถูกใช้ไปแล้ว');
		await invitee.close();
	});

	test('an administrator gives a person the title and official position the minutes print; the person corrects their own', async ({ page, browser }) => {
		await signInAs(page, 'admin');
		await page.goto('/admin/users');
		const row = page.getByTestId('user-row').filter({ hasText: '@thawatchai' });
		await row.getByRole('button', { name: 'แก้ไขชื่อและตำแหน่ง' }).click();
		await row.getByLabel('คำนำหน้าชื่อหรือยศ').fill('ว่าที่ร้อยตรี');
		await row.getByLabel('ตำแหน่ง', { exact: true }).fill('ผู้อำนวยการวิทยาลัยการอาชีพดอกคำใต้');
		await row.getByRole('button', { name: 'บันทึก' }).click();
		await expect(row.locator('.who')).toContainText('ว่าที่ร้อยตรีธวัชชัย สุวรรณ');
		await expect(row.locator('.who')).toContainText('ผู้อำนวยการวิทยาลัยการอาชีพดอกคำใต้');
		await expect(row.getByLabel('คำนำหน้าชื่อหรือยศ')).toHaveCount(0);

		const person = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.9' } });
		const p = await person.newPage();
		await signInAs(p, 'thawatchai');
		await p.goto('/account');
		await expect(p.getByLabel('คำนำหน้าชื่อหรือยศ')).toHaveValue('ว่าที่ร้อยตรี');
		const profile = p.getByRole('region', { name: 'ข้อมูลส่วนตัว' });
		await profile.getByLabel('คำนำหน้าชื่อหรือยศ').fill('นาย');
		await profile.getByRole('button', { name: 'บันทึก', exact: true }).click();
		await expect(profile.getByText('บันทึกแล้ว')).toBeVisible();
		await p.reload();
		await expect(p.getByLabel('คำนำหน้าชื่อหรือยศ')).toHaveValue('นาย');
		await expect(p.getByLabel('ตำแหน่ง', { exact: true })).toHaveValue('ผู้อำนวยการวิทยาลัยการอาชีพดอกคำใต้');
		await person.close();
	});

	test('slows a hammered sign-in down with the time to wait, and never locks the person out', async ({ browser, playwright, baseURL }) => {
		/**
		 * Wrong passwords for `username` from four other addresses, each new (so none of them waits): the
		 * username's failures reach seven, and an address that failed before waits 16 s from its own last failure.
		 */
		async function failElsewhere(username: string, network: string) {
			for (let i = 1; i <= 4; i++) {
				const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': `${network}.${i}`, origin: baseURL! } });
				const r = await api.post('/signin', { form: { username, password: `elsewhere ${i}` }, headers: { accept: 'text/html' }, maxRedirects: 0 });
				expect(r.status()).toBe(400);
				await api.dispose();
			}
		}
		const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.66' } });
		const page = await context.newPage();
		// Each try is sent by the page and answered before the next (the message alone would not show a lost try).
		await visitReady(page, '/signin');
		const tryPassword = async (password: string) => {
			await page.getByLabel(/^รหัสผ่าน$/).fill(password);
			const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/signin' && r.request().method() === 'POST');
			await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
			await answered;
		};
		for (let i = 0; i < 3; i++) {
			await page.getByLabel('ชื่อผู้ใช้หรืออีเมล').fill('surasak');
			await tryPassword(`wrong password ${i}`);
			await expect(page.getByTestId('signin-error')).toHaveText('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
		}
		// The same username is tried from elsewhere too, as a spread attack would.
		await failElsewhere('surasak', '192.0.2');
		// From this address the next try waits, and says for how long.
		await tryPassword('wrong password 3');
		await expect(page.getByTestId('signin-error')).toContainText('โปรดรอ');
		await context.close();

		// Meanwhile the person signs in from their own address.
		const own = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.77' } });
		await signInAs(await own.newPage(), 'surasak');
		await own.close();

		// A plain form post (no script) gets the HTTP status itself, with Retry-After.
		const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.67', origin: baseURL! } });
		const post = (password: string) => api.post('/signin', { form: { username: 'kanokwan', password }, headers: { accept: 'text/html' }, maxRedirects: 0 });
		for (let i = 0; i < 3; i++) expect((await post(`wrong ${i}`)).status()).toBe(400);
		await failElsewhere('kanokwan', '198.18.0');
		const slowed = await post('concord-demo-2569');
		expect(slowed.status()).toBe(429);
		expect(Number(slowed.headers()['retry-after'])).toBeGreaterThan(0);
		await api.dispose();
	});

	test('what a person types before the page’s scripts run is kept once they do: the sign-in and the public tip form', async ({ browser }) => {
		// The page's code waits until the fields are filled, as on a slow phone where people type before it arrives.
		async function beforeScripts(url: string, typeIn: (page: Page) => Promise<void>): Promise<Page> {
			const page = await (await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.91' } })).newPage();
			let release!: () => void;
			const typed = new Promise<void>((resolve) => (release = resolve));
			await page.route('**/_app/immutable/entry/**', async (route) => {
				await typed;
				await route.continue();
			});
			await page.goto(url, { waitUntil: 'domcontentloaded' });
			await expect(page.locator('html[data-hydrated]')).toHaveCount(0);
			await typeIn(page);
			release();
			await hydrated(page);
			return page;
		}

		const signin = await beforeScripts('/signin', async (page) => {
			await page.getByLabel('ชื่อผู้ใช้หรืออีเมล').fill('kanokwan');
			await page.getByLabel(/^รหัสผ่าน$/).fill('concord-demo-2569');
		});
		await expect(signin.getByLabel('ชื่อผู้ใช้หรืออีเมล')).toHaveValue('kanokwan');
		await signin.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
		await expect(signin.locator('header[data-signed-in]')).toBeVisible();
		await signin.context().close();

		const tip = await beforeScripts('/report', async (page) => {
			await page.getByLabel('อำเภอ', { exact: true }).selectOption({ index: 1 });
			await page.locator('input[name="kind"]').nth(1).check();
			await page.locator('#message').fill('มีเด็กต่างด้าวทำงานในร้านอาหารริมทางหลวงทุกคืน');
			await page.locator('#location').fill('ริมทางหลวง 1021');
			await page.locator('#contactPhone').fill('0812345678');
		});
		await expect(tip.getByLabel('อำเภอ', { exact: true })).not.toHaveValue('');
		await expect(tip.locator('input[name="kind"]').nth(1)).toBeChecked();
		await expect(tip.locator('#message')).toHaveValue('มีเด็กต่างด้าวทำงานในร้านอาหารริมทางหลวงทุกคืน');
		await expect(tip.locator('#location')).toHaveValue('ริมทางหลวง 1021');
		await expect(tip.locator('#contactPhone')).toHaveValue('0812345678');
		await tip.context().close();
	});

	test('refuses cross-origin form posts of every form content type', async ({ request }) => {
		const origin = 'http://evil.example';
		const urlencoded = await request.post('/signin', {
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
			data: 'username=admin&password=x'
		});
		const multipart = await request.post('/signin', { headers: { origin }, multipart: { username: 'admin', password: 'x' } });
		const text = await request.post('/signin', { headers: { origin, 'content-type': 'text/plain' }, data: 'username=admin' });
		expect([urlencoded.status(), multipart.status(), text.status()]).toEqual([403, 403, 403]);
	});

	test('a session cookie planted before sign-in is dead after it', async ({ browser, baseURL }) => {
		// An attacker plants a cookie value of their choosing; signing in never adopts it.
		const victim = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.9.0.2' } });
		const planted = 'abcdefghijklmnopqrstuvwxyz234567abcdefgh';
		await victim.addCookies([{ name: 'concord_session', value: planted, url: baseURL! }]);
		const v = await victim.newPage();
		await v.goto('/signin');
		await v.getByLabel('ชื่อผู้ใช้หรืออีเมล').fill('jintana');
		await v.getByLabel(/^รหัสผ่าน$/).fill('concord-demo-2569');
		await v.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
		await expect(v.getByRole('banner').getByRole('button', { name: 'จินตนา พรหมมา' })).toBeVisible();
		const cookie = (await victim.cookies()).find((c) => c.name === 'concord_session')!;
		expect(cookie.value).not.toBe(planted);
		expect(cookie.httpOnly).toBe(true);
		expect(cookie.sameSite).toBe('Lax');

		// The planted value opens nothing.
		const probe = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.9.0.3' } });
		await probe.addCookies([{ name: 'concord_session', value: planted, url: baseURL! }]);
		const p = await probe.newPage();
		await p.goto('/account');
		await expect(p).toHaveURL(/\/signin/);

		// A real session that was in the browser before a new sign-in ends with it.
		const before = cookie.value;
		await victim.request.post('/signin', {
			form: { username: 'jintana', password: 'concord-demo-2569' },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		const replaced = (await victim.cookies()).find((c) => c.name === 'concord_session')!;
		expect(replaced.value).not.toBe(before);
		await probe.addCookies([{ name: 'concord_session', value: before, url: baseURL! }]);
		await p.goto('/account');
		await expect(p).toHaveURL(/\/signin/);
		await Promise.all([victim.close(), probe.close()]);
	});

	test('sends signed-out visitors of a private page to sign in and back', async ({ page }) => {
		await page.goto('/account');
		await expect(page).toHaveURL(/\/signin\?redirectTo=%2Faccount$/);
		await page.getByLabel('ชื่อผู้ใช้หรืออีเมล').fill('nantana');
		await page.getByLabel(/^รหัสผ่าน$/).fill('concord-demo-2569');
		await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
		await expect(page).toHaveURL(/\/account$/);
		await expect(page.getByRole('heading', { name: 'บัญชีของฉัน' })).toBeVisible();
		// Not an administrator: the users page is refused.
		const r = await page.goto('/admin/users');
		expect(r?.status()).toBe(403);
	});

	test('an administrator reads the audit log, including refused access', async ({ page }) => {
		await signInAs(page, 'admin');
		await page.goto('/admin/audit?action=access.denied');
		await expect(page.getByTestId('audit-row').first()).toContainText('access.denied');
		await page.goto('/admin/audit?action=auth.sign_in&outcome=success');
		await expect(page.getByTestId('audit-row').first()).toContainText('auth.sign_in');
	});
});
