import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { DEMO_PASSWORD } from '../server/demo/network';
import { chromiumArgs, findChromium } from './browser.js';
import { demoId, startDemoApp } from './demo-app';

/**
 * `npm run screenshots`: every main page as each user of the README's tour
 * sees it, at 1280 and 390 px, in Thai and in English, written to
 * `screenshots/` with an index.html to browse them. The built app
 * (`npm run build` first) serves a demo seeded for the run.
 */

const OUT = process.env.SCREENSHOTS_DIR ?? 'screenshots';
const PORT = Number(process.env.SCREENSHOTS_PORT ?? 4395);
const USERS = ['nantana', 'wichai', 'piyanuch', 'somchai', 'kanokwan', 'surasak', 'buasri', 'darunee', 'supawadee', 'emma', 'admin'];
const WIDTHS = [1280, 390];
const LOCALES = ['th', 'en'] as const;
const MEETING = `/meetings/${demoId('meeting', 'dkt-wg:next')}`;
const SIGNED_IN = ['/', '/my', '/meetings', MEETING, '/actions', '/decisions', '/cases', '/referrals', '/network', '/notifications', '/account'];
const ADMIN = ['/admin/users', '/admin/network', '/admin/import', '/admin/audit'];
const SIGNED_OUT = ['/', '/signin', '/report'];

const fileOf = (path: string) => (path === '/' ? 'home' : path.slice(1).replace(/[^a-z0-9]+/gi, '-'));

interface Shot {
	who: string;
	locale: string;
	width: number;
	path: string;
	file: string;
	status: number;
}

async function shoot(browser: Browser, base: string, who: string | null, locale: (typeof LOCALES)[number], width: number): Promise<Shot[]> {
	const context = await browser.newContext({ viewport: { width, height: 900 }, locale: locale === 'th' ? 'th-TH' : 'en-GB', serviceWorkers: 'block' });
	const shots: Shot[] = [];
	try {
		const page = await context.newPage();
		if (who) {
			await page.goto(`${base}/signin`);
			await page.getByLabel(/ชื่อผู้ใช้หรืออีเมล|Username or e-mail/).fill(who);
			await page.getByLabel(/^รหัสผ่าน$|^Password$/).fill(DEMO_PASSWORD);
			await page.getByRole('button', { name: /^เข้าสู่ระบบ$|^Sign in$/ }).click();
			await page.locator('header[data-signed-in]').waitFor();
		}
		// The language is the one asked for, whatever the account's own.
		await context.addCookies([{ name: 'concord_lang', value: locale, url: base }]);
		const paths = who ? [...SIGNED_IN, ...(who === 'admin' ? ADMIN : [])] : SIGNED_OUT;
		for (const path of paths) {
			const response = await page.goto(`${base}${path}`);
			if (path === MEETING)
				await page
					.locator('[data-testid="connection"][data-state="saved"]')
					.waitFor({ timeout: 15_000 })
					.catch(() => undefined);
			// Not "network idle": the live feeds (notifications, boards) keep a request open for as long as the page is.
			// Without a service worker every visit is a first one: the screen font comes once the page has settled.
			await page.waitForFunction(() => !document.documentElement.classList.contains('fonts-later'), null, { timeout: 25_000 }).catch(() => undefined);
			await page.evaluate(() => document.fonts.ready.then(() => undefined));
			await page.waitForTimeout(300);
			const dir = join(OUT, locale, String(width), who ?? 'signed-out');
			mkdirSync(dir, { recursive: true });
			const file = join(dir, `${fileOf(path)}.png`);
			await page.screenshot({ path: file, fullPage: true });
			shots.push({ who: who ?? 'signed-out', locale, width, path, file, status: response?.status() ?? 0 });
		}
	} finally {
		await context.close();
	}
	return shots;
}

function index(shots: Shot[]): string {
	const groups = new Map<string, Shot[]>();
	for (const s of shots) groups.set(`${s.locale} · ${s.width} px · ${s.who}`, [...(groups.get(`${s.locale} · ${s.width} px · ${s.who}`) ?? []), s]);
	const escape = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
	const sections = [...groups].map(
		([title, list]) =>
			`<section><h2>${escape(title)}</h2><div class="grid">${list
				.map((s) => {
					const src = escape(s.file.slice(OUT.length + 1));
					return `<figure><a href="${src}"><img loading="lazy" src="${src}" alt="${escape(s.path)}"></a><figcaption>${escape(s.path)} (${s.status})</figcaption></figure>`;
				})
				.join('')}</div></section>`
	);
	return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Concord screenshots</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem}img{width:100%;max-height:24rem;object-fit:cover;object-position:top;border:1px solid #ccc}figure{margin:0}figcaption{font-size:.8rem}</style>
<h1>Concord, page by page</h1>${sections.join('\n')}</html>\n`;
}

async function main() {
	rmSync(OUT, { recursive: true, force: true });
	const app = await startDemoApp(PORT);
	const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
	const shots: Shot[] = [];
	try {
		for (const locale of LOCALES)
			for (const width of WIDTHS) {
				shots.push(...(await shoot(browser, app.url, null, locale, width)));
				for (const who of USERS) shots.push(...(await shoot(browser, app.url, who, locale, width)));
			}
	} finally {
		await browser.close();
		await app.stop();
	}
	writeFileSync(join(OUT, 'index.html'), index(shots));
	const failed = shots.filter((s) => s.status >= 500);
	console.log(
		`${shots.length} screenshots in ${OUT}/ (open ${OUT}/index.html); ${shots.filter((s) => s.status >= 400).length} pages answered 4xx or 5xx, as their reader may not open them.`
	);
	if (failed.length) {
		for (const f of failed) console.log(`  ${f.status} ${f.path} as ${f.who}`);
		process.exitCode = 1;
	}
}

await main();
