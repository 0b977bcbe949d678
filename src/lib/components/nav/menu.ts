import { m } from '$lib/paraglide/messages';
import { pick } from '$lib/labels';
import type { Locale } from '$lib/paraglide/runtime';

/** One destination. `also`: other paths that belong to it, e.g. a meeting's page to the meetings list. */
export interface MenuItem {
	href: string;
	label: string;
	also?: string[];
}

/** Destinations under one heading; `section` splits the per-body entries from the pages everyone has. */
export interface MenuGroup {
	id: string;
	label: string;
	items: MenuItem[];
	sections: { label: string; items: MenuItem[] }[];
}

export interface MenuPlace {
	bodyId: string;
	name_th: string;
	name_en: string;
}

export interface MenuInput {
	locale: Locale;
	signedIn: boolean;
	isAdmin: boolean;
	places: { followup: MenuPlace[]; intake: MenuPlace[]; reports: MenuPlace[] };
}

const section = (label: string, items: MenuItem[]) => (items.length ? [{ label, items }] : []);

/**
 * The navigation, grouped by what people do. Each label names the page it opens (the page's own title),
 * so "ติดตามงาน" is only ever the group and never a page that might turn out to be someone else's board.
 */
export function menuGroups({ locale, signedIn, isAdmin, places }: MenuInput): MenuGroup[] {
	if (!signedIn) return [];
	const name = (p: MenuPlace) => pick(p, 'name', locale);
	const groups: MenuGroup[] = [
		{
			id: 'meetings',
			label: m.nav_meetings(),
			items: [
				{ href: '/meetings', label: m.nav_meetings_mine() },
				{ href: '/decisions', label: m.nav_decisions() }
			],
			sections: []
		},
		{
			id: 'followup',
			label: m.nav_actions(),
			items: [{ href: '/actions', label: m.followup_board_title() }],
			sections: [
				...section(
					m.outstanding_title(),
					places.followup.map((p) => ({ href: `/bodies/${p.bodyId}/followup`, label: name(p) }))
				),
				...section(
					m.outcome_title(),
					places.reports.map((p) => ({ href: `/bodies/${p.bodyId}/reports`, label: name(p) }))
				)
			]
		},
		{
			id: 'cases',
			label: m.nav_group_cases(),
			items: [
				{ href: '/cases', label: m.case_mine_title() },
				{ href: '/referrals', label: m.nav_referrals() },
				// A member who hears of a case sends it in as anyone would, signed in or not.
				{ href: '/report', label: m.nav_report() }
			],
			sections: section(
				m.nav_intake(),
				places.intake.map((p) => ({ href: `/bodies/${p.bodyId}/intake`, label: name(p) }))
			)
		},
		{
			id: 'network',
			label: m.nav_network(),
			items: [
				{ href: '/network', label: m.network_title(), also: ['/bodies/', '/organisations/'] },
				{ href: '/directory', label: m.nav_directory() }
			],
			sections: []
		}
	];
	if (isAdmin) {
		groups.push({
			id: 'admin',
			label: m.nav_group_admin(),
			items: [
				{ href: '/admin/users', label: m.nav_users() },
				{ href: '/admin/network', label: m.nav_admin_network() },
				{ href: '/admin/import', label: m.admin_import_title() },
				{ href: '/admin/mail', label: m.notify_admin_title() },
				{ href: '/admin/audit', label: m.nav_audit() }
			],
			sections: []
		});
	}
	return groups;
}

/** The person's own pages, in the person menu. */
export function personItems(): MenuItem[] {
	return [
		{ href: '/my', label: m.nav_mine() },
		{ href: '/account', label: m.account_title() },
		{ href: '/notifications', label: m.notify_title() },
		{ href: '/account#notifications', label: m.nav_notification_settings() }
	];
}

export function allItems(groups: MenuGroup[]): MenuItem[] {
	return groups.flatMap((g) => [...g.items, ...g.sections.flatMap((s) => s.items)]);
}

/**
 * The one destination that holds the current page: the longest path that the page is, or lies under.
 * A fragment never decides (the account page and its notification settings are one page).
 */
export function currentHref(items: MenuItem[], pathname: string): string | null {
	let best: { href: string; length: number } | null = null;
	for (const item of items) {
		if (item.href.includes('#')) continue;
		for (const path of [item.href, ...(item.also ?? [])]) {
			// '/bodies/' in `also` stands for everything below it; the home page '/' is only itself.
			const prefix = path !== '/' && path.endsWith('/');
			const under = prefix ? pathname.startsWith(path) : pathname === path || (path !== '/' && pathname.startsWith(`${path}/`));
			if (under && (!best || path.length > best.length)) best = { href: item.href, length: path.length };
		}
	}
	return best?.href ?? null;
}
