import { db } from '$lib/server/http';
import { navigationPlaces } from '$server/navigation/places';
import type { LayoutServerLoad } from './$types';

// Nothing here reads the URL, so the layout loads once per visit and again only when a page asks for everything afresh
// (after signing in, changing language or saving a form), not on every step through the app.
export const load: LayoutServerLoad = async ({ locals }) => {
	const actor = locals.actor;
	return {
		locale: locals.locale,
		user: locals.user ? { displayName: locals.user.display_name, isAdmin: locals.user.is_admin } : null,
		places: actor ? await navigationPlaces(db(), actor) : { followup: [], intake: [], reports: [] }
	};
};
