import { expect, test } from '@playwright/test';
import { person } from './support';

test.describe('home and language', () => {
	test('opens in Thai by default and switches to English, which persists', async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'th');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ยินดีต้อนรับสู่ Concord');
		// The demo network is counted on the home page.
		await expect(page.getByText('หน่วยงานสมาชิก')).toBeVisible();

		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Concord');
		await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Concord');

		await page.getByRole('button', { name: 'ไทย' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'th');
	});

	test('fits a 360 px phone without horizontal scrolling', async ({ page }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto('/');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.getByRole('button', { name: 'English' }).scrollIntoViewIfNeeded();
		await expect(page.getByRole('button', { name: 'English' })).toBeInViewport({ ratio: 1 });
	});

	test('reports database health for monitors', async ({ request }) => {
		const response = await request.get('/healthz');
		expect(response.status()).toBe(200);
		expect(response.headers()['cache-control']).toBe('no-store');
		expect(await response.json()).toMatchObject({ status: 'ok', database: 'up', engine: 'pglite' });
	});

	test('answers an unknown page with a 404 page in the chosen language', async ({ page }) => {
		const response = await page.goto('/no-such-page');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ไม่พบหน้าที่ต้องการ');
	});
});

/** The README's tour: who signs in, and from which address (the sign-in throttle counts per address). */
const TOUR = ['nantana', 'wichai', 'piyanuch', 'somchai', 'kanokwan', 'surasak', 'darunee', 'supawadee', 'emma', 'admin'];

test.describe('the home answers "what needs me now"', () => {
	for (const [i, username] of TOUR.entries()) {
		test(`${username}'s home shows the next step, one click from its page, and fits a phone`, async ({ browser }) => {
			const page = await person(browser, username, `10.17.${i}.1`);
			await page.goto('/');
			const step = page.getByTestId('next-step');
			await expect(step).toBeVisible();
			const link = step.getByRole('link');
			const href = await link.getAttribute('href');
			expect(href).toMatch(/^\//);
			// Every entry on the home is a link to a page that opens for this person.
			const targets = await page.locator('main a[href^="/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
			for (const target of targets) expect((await page.request.get(target)).status(), target).toBe(200);

			await page.setViewportSize({ width: 390, height: 844 });
			await expect(step).toBeInViewport();
			expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

			await link.click();
			await expect(page).toHaveURL((url) => url.pathname + url.search === href);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await page.context().close();
		});
	}

	test('the chair reaches the outstanding follow-ups of his body in one click, with the counts the home gave', async ({ browser }) => {
		const page = await person(browser, 'wichai', '10.17.20.1');
		await page.goto('/');
		const body = page.getByTestId('home-outstanding-body').filter({ hasText: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' });
		await expect(body).toBeVisible();
		const counts = (await body.locator('.small').textContent())!;
		const [, open, overdue] = counts.match(/ยังไม่ปิด (\d+) · เลยกำหนด (\d+)/)!;
		await body.getByRole('link').click();
		await expect(page).toHaveURL(/\/bodies\/[0-9a-f-]+\/followup$/);
		await expect(page.getByTestId('count-open')).toHaveText(open!);
		await expect(page.getByTestId('count-overdue')).toHaveText(overdue!);
		await page.context().close();
	});

	test('the representative on no case team sees a case’s items by code only', async ({ browser }) => {
		const team = await person(browser, 'nantana', '10.17.21.1');
		await team.goto('/');
		const titles = await team.getByTestId('home-case-item').getByRole('link').first().textContent();
		expect(titles).toBeTruthy();
		const outsider = await person(browser, 'somchai', '10.17.21.2');
		await outsider.goto('/');
		await expect(outsider.getByTestId('home-case-plan')).toHaveCount(0);
		await expect(outsider.getByText(titles!.trim())).toHaveCount(0);
		await team.context().close();
		await outsider.context().close();
	});

	test('signed out, the home keeps its public face with the tip form up front', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByTestId('next-step')).toHaveCount(0);
		const report = page.getByTestId('home-report');
		await expect(report).toBeInViewport();
		await report.getByRole('link', { name: 'แจ้งเบาะแส' }).click();
		await expect(page).toHaveURL(/\/report$/);
	});

	test('"Mine" lists upcoming meetings and assigned actions as links, the late ones marked in words', async ({ browser }) => {
		const page = await person(browser, 'somchai', '10.17.22.1');
		await page.goto('/my');
		await expect(page.getByTestId('my-meetings').getByTestId('home-meeting').first()).toBeVisible();
		const items = page.getByTestId('action-item');
		for (const item of await items.all()) {
			await expect(item.getByRole('link').first()).toHaveAttribute('href', /^\/actions\/[0-9a-f-]+$/);
			if ((await item.getAttribute('data-overdue')) === 'true') await expect(item.getByTestId('overdue')).toHaveText(/เลยกำหนด/);
		}
		await page.context().close();
	});
});
