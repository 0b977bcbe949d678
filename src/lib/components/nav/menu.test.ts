import { describe, expect, it } from 'vitest';
import { allItems, currentHref, menuGroups, personItems } from './menu';

const place = (bodyId: string) => ({ bodyId, name_th: `คณะ ${bodyId}`, name_en: `Body ${bodyId}` });
const chair = menuGroups({
	locale: 'th',
	signedIn: true,
	isAdmin: false,
	places: { followup: [place('a'), place('b')], intake: [place('a')], reports: [place('a')] }
});
const items = [{ href: '/', label: '' }, ...allItems(chair), ...personItems()];

describe('the navigation', () => {
	it('gives a chair his bodies’ outstanding views under follow-up, and administration only to administrators', () => {
		const followup = chair.find((g) => g.id === 'followup')!;
		expect(followup.items.map((i) => i.href)).toEqual(['/actions']);
		expect(followup.sections.map((s) => s.items.map((i) => i.href))).toEqual([['/bodies/a/followup', '/bodies/b/followup'], ['/bodies/a/reports']]);
		expect(chair.map((g) => g.id)).toEqual(['meetings', 'followup', 'cases', 'network']);
		// Signed in, the tip form is still one step away, with the cases.
		expect(chair.find((g) => g.id === 'cases')!.items.map((i) => i.href)).toEqual(['/cases', '/referrals', '/report']);
		const admin = menuGroups({ locale: 'en', signedIn: true, isAdmin: true, places: { followup: [], intake: [], reports: [] } });
		expect(admin.find((g) => g.id === 'admin')!.items.map((i) => i.href)).toContain('/admin/mail');
		// An empty section is left out rather than shown with nothing under it.
		expect(admin.find((g) => g.id === 'followup')!.sections).toEqual([]);
		expect(menuGroups({ locale: 'th', signedIn: false, isAdmin: false, places: { followup: [], intake: [], reports: [] } })).toEqual([]);
	});

	it('marks the one destination that holds the page, the most specific first', () => {
		expect(currentHref(items, '/')).toBe('/');
		expect(currentHref(items, '/meetings/0b7c')).toBe('/meetings');
		expect(currentHref(items, '/bodies/a/followup')).toBe('/bodies/a/followup');
		// A body's own page and its other pages belong to the network structure.
		expect(currentHref(items, '/bodies/a')).toBe('/network');
		expect(currentHref(items, '/bodies/a/meetings')).toBe('/network');
		expect(currentHref(items, '/account')).toBe('/account');
		expect(currentHref(items, '/actionsx')).toBeNull();
		expect(currentHref(items, '/signin')).toBeNull();
	});
});
