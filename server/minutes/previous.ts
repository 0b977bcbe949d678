import type { Kysely } from 'kysely';
import { can, refuse, requireAccess, type Actor } from '../access';
import type { DB } from '../db/schema';
import { DOCUMENT_LOCALE } from './document';
import { meetingSequence } from './repository/facts';
import { beneathPageHeading, renderHtml } from '../rich-text/html';
import { readDraft, type LiveDocuments } from './live';
import { sequenceLabel } from './model';
import * as repo from './repository/minutes';

/**
 * What the standing first item of a meeting shows: the previous meeting's
 * minutes (the draft as it stands, or the approved version) and whether the
 * people in this meeting may approve them now.
 */
export async function previousMinutes(db: Kysely<DB>, collab: LiveDocuments, actor: Actor | null, meetingId: string) {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refuse(db, actor, 'minutes.read', { type: 'meeting', id: meetingId }, 404);
	await requireAccess(db, actor, 'minutes.read', { kind: 'meeting', id: meeting.id });
	const prev = await repo.previousMeeting(db, meeting);
	if (!prev) return { meetingId, previous: null, canApprove: false, held: false };
	const [minutes, versions, sequence, officer] = await Promise.all([
		repo.getMinutes(db, prev.id),
		repo.listVersions(db, prev.id),
		meetingSequence(db, prev),
		can(db, actor, 'minutes.approve_at_meeting', { kind: 'meeting', id: meeting.id })
	]);
	const first = versions[0];
	const latest = versions.length ? await repo.getVersion(db, prev.id, versions[versions.length - 1]!.number) : undefined;
	const rendered = latest ? latest.content_html : minutes ? renderHtml(await readDraft(db, collab, prev.id)) : null;
	const html = rendered === null ? null : beneathPageHeading(rendered);
	const held = meeting.status === 'in_progress' || meeting.status === 'ended';
	return {
		meetingId,
		previous: {
			id: prev.id,
			title: prev.title,
			number: sequenceLabel(sequence, DOCUMENT_LOCALE),
			generated: !!minutes,
			approval: first
				? {
						number: latest!.number,
						sha256: latest!.sha256,
						kind: first.kind,
						amendments: first.amendments,
						atThisMeeting: first.approved_at_meeting_id === meetingId
					}
				: null,
			html
		},
		held,
		canApprove: officer && held && !!minutes && !first && prev.status === 'ended'
	};
}

export type PreviousMinutes = Awaited<ReturnType<typeof previousMinutes>>;
