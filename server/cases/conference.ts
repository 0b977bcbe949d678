import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { meetingTime, meetingUrl } from '../meetings/service';
import { bangkokInstant } from '../meetings/series';
import * as field from '../validate';
import { caseHead } from './repository/case';
import { caseOfMeeting, insertConference } from './repository/conference';
import { generated } from '../../src/lib/generated-text';
import { bangkokToday } from '../../src/lib/calendar';

const ConferenceInput = v.object({ date: field.date, time: meetingTime, place: field.line({ max: 300 }), onlineUrl: meetingUrl });
export type ConferenceInput = v.InferInput<typeof ConferenceInput>;

/** The title of a case conference: the case code and nothing that identifies anyone. */
export const conferenceTitle = generated.conferenceTitle;

/**
 * Calls a case conference: a meeting of the case's body linked to the case.
 * Its live document is the case team's alone (server/access/documents.ts).
 */
export async function callConference(
	db: Kysely<DB>,
	actor: Actor | null,
	caseId: string,
	input: ConferenceInput,
	clientAddress: string | null,
	now = new Date()
): Promise<{ ok: true; id: string } | { ok: false; errors: Record<string, string> }> {
	await requireAccess(db, actor, 'case.conference', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const { values, errors } = field.parse(ConferenceInput, input);
	const problems: Record<string, string> = { ...(errors as Record<string, string>) };
	if (!problems.date && values.date < bangkokToday(now)) problems.date = 'in_past';
	if (Object.keys(problems).length) return { ok: false, errors: problems };
	const c = await caseHead(db, caseId);
	const id = await db.transaction().execute(async (tx) => {
		const meetingId = await insertConference(tx, {
			body_id: c.body_id,
			kind: 'case_conference',
			case_id: c.id,
			title: conferenceTitle(c.code),
			starts_at: bangkokInstant(values.date, values.time),
			ends_at: null,
			place: values.place || null,
			online_url: values.onlineUrl,
			series_id: null,
			created_by: actor!.userId
		});
		await audit(tx, {
			actorId: actor!.userId,
			action: 'case.conference',
			outcome: 'success',
			targetType: 'case',
			targetId: c.id,
			clientAddress,
			detail: { meeting: meetingId }
		});
		return meetingId;
	});
	return { ok: true, id };
}

/**
 * A page of a meeting's minutes that shows nothing itself (it loads its data
 * from an endpoint): readable or refused like the minutes, so a conference's
 * page answers 404 off its team exactly as an unknown meeting does; a view of
 * a conference's page is audited.
 */
export async function openMinutesPage(
	db: Kysely<DB>,
	actor: Actor | null,
	meetingId: string,
	page: ConferencePage,
	clientAddress: string | null
): Promise<void> {
	await requireAccess(db, actor, 'minutes.read', { kind: 'meeting', id: meetingId }, { clientAddress });
	await auditConferenceView(db, actor!, meetingId, page, clientAddress);
}

/** The pages of a case conference whose every view is audited. */
export type ConferencePage = 'workspace' | 'minutes' | 'minutes_print' | 'minutes_export' | 'minutes_previous';

/**
 * Writes `case.conference_view` when the meeting is a case conference: who
 * opened which of its pages, when, from where; never what it showed. Called
 * once access has been granted (refusals are audited by the access module).
 */
export async function auditConferenceView(
	db: Kysely<DB>,
	actor: Actor,
	meetingId: string,
	page: ConferencePage,
	clientAddress: string | null,
	detail: Record<string, string | number> = {}
): Promise<void> {
	const m = await caseOfMeeting(db, meetingId);
	if (!m?.case_id) return;
	await audit(db, {
		actorId: actor.userId,
		action: 'case.conference_view',
		outcome: 'success',
		targetType: 'meeting',
		targetId: meetingId,
		clientAddress,
		detail: { case: m.case_id, page, ...detail }
	});
}
