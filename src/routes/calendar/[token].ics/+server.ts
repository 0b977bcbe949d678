import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { pick } from '$lib/labels';
import { db, notFound } from '$lib/server/http';
import { calendarFeed, feedChangedAt, notModified } from '$server/followup/calendar';
import { safeHref } from '$lib/safe-url';
import { feedEtag, instanceHost, toICalendar, type CalendarEvent } from '$server/followup/ical';
import type { RequestHandler } from './$types';

/** A user's calendar at its secret URL, in the user's own language; no session needed. */
export const GET: RequestHandler = async ({ params, url, request }) => {
	const now = new Date();
	const feed = await calendarFeed(db(), params.token, now);
	if (!feed) error(404, notFound());
	const locale = feed.user.locale;
	const host = instanceHost();
	const events: CalendarEvent[] = [
		...feed.meetings.map((mt) => {
			const online = safeHref(mt.online_url);
			const page = `${url.origin}/meetings/${mt.id}`;
			return {
				uid: `meeting-${mt.id}@${host}`,
				summary: mt.title,
				// The online link is the event's URL, where calendar apps offer to join; the description names both.
				description: [pick(mt, 'body', locale), ...(online ? [online] : []), page].join('\n'),
				location: mt.place ?? undefined,
				url: online ?? page,
				start: mt.starts_at,
				end: mt.ends_at ?? new Date(mt.starts_at.getTime() + 3 * 3600_000),
				status: mt.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const)
			};
		}),
		...feed.actions.map((a) => ({
			uid: `action-${a.id}@${host}`,
			summary: m.calendar_due({ title: a.title }, { locale }),
			description: m.calendar_due_description({ body: pick(a, 'body', locale), lead: a.lead }, { locale }),
			url: `${url.origin}/actions/${a.id}`,
			start: a.due_on!,
			lastModified: a.updated_at
		}))
	];
	const text = toICalendar({ name: m.calendar_name({ name: feed.user.display_name }, { locale }), events, now });
	// The tag of the content is the validator; its time is when this content was first served. Apps poll with either.
	const etag = await feedEtag(text);
	const changedAt = await feedChangedAt(db(), feed.user.id, etag, now);
	const headers = { etag, 'last-modified': changedAt.toUTCString(), 'cache-control': 'private, max-age=300' };
	if (notModified(request.headers, etag, changedAt)) return new Response(null, { status: 304, headers });
	return new Response(text, {
		headers: { ...headers, 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'inline; filename="concord.ics"' }
	});
};
