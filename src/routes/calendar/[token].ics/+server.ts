import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { pick } from '$lib/labels';
import { db } from '$lib/server/http';
import { calendarFeed } from '$server/followup/calendar';
import { toICalendar, type CalendarEvent } from '$server/followup/ical';
import type { RequestHandler } from './$types';

/** A user's calendar at its secret URL, in the user's own language; no session needed. */
export const GET: RequestHandler = async ({ params, url }) => {
	const now = new Date();
	const feed = await calendarFeed(db(), params.token, now);
	if (!feed) error(404, 'Not found');
	const locale = feed.user.locale;
	const host = url.hostname;
	const events: CalendarEvent[] = [
		...feed.meetings.map((mt) => ({
			uid: `meeting-${mt.id}@${host}`,
			summary: mt.title,
			description: pick(mt, 'body', locale),
			location: mt.place ?? undefined,
			url: `${url.origin}/meetings/${mt.id}`,
			start: mt.starts_at,
			end: mt.ends_at ?? new Date(mt.starts_at.getTime() + 3 * 3600_000),
			status: mt.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const)
		})),
		...feed.actions.map((a) => ({
			uid: `action-${a.id}@${host}`,
			summary: m.calendar_due({ title: a.title }, { locale }),
			description: m.calendar_due_description({ body: pick(a, 'body', locale), lead: a.lead }, { locale }),
			url: `${url.origin}/actions/${a.id}`,
			start: a.due_on!,
			lastModified: a.updated_at
		}))
	];
	return new Response(toICalendar({ name: m.calendar_name({ name: feed.user.display_name }, { locale }), events, now }), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="concord.ics"',
			'cache-control': 'private, max-age=300'
		}
	});
};
