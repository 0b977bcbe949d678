import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	locale: locals.locale,
	path: url.pathname + url.search,
	user: locals.user ? { displayName: locals.user.display_name, isAdmin: locals.user.is_admin } : null
});
