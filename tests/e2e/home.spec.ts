import { expect, test } from '@playwright/test';

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
