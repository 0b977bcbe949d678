import type { Kysely, Transaction } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import type { MinutesVersionKind } from '../db/schema-minutes';
import { events } from '../events';
import { log } from '../log';
import * as field from '../validate';
import { refused, type MinutesErrorCode, type Outcome } from './errors';
import { hasContent, readDraft, type LiveDocuments } from './live';
import { meetingDocumentName, minutesDocumentName, type PMNode } from '../rich-text/prosemirror';
import { circulationStatus } from './repository/circulation';
import * as repo from './repository/minutes';
import { renderMarkdown } from './markdown';
import { parseContent, sha256, storeVersion } from './versions';

type Approved = Outcome<{ number: number; sha256: string }>;

const ApprovalAtMeeting = v.object({
	/** The meeting that approves: the body's next one, held. */
	atMeetingId: field.uuid,
	amended: v.pipe(
		v.unknown(),
		v.transform((x) => x === true || x === 'true')
	),
	/** What the meeting changed, when it approved the minutes as amended. */
	amendments: field.text({ max: 4000 })
});

/** Why the chair approves alone, or why approved minutes are corrected; printed with the version. */
const reason = field.text({ required: true, max: 2000 });
const ChairApproval = v.object({ reason });
const Correction = v.object({
	reason,
	content: field.checkedBy((raw): field.Checked<PMNode> => {
		const content = parseContent(raw);
		return content && hasContent(content) ? { ok: true, value: content } : { ok: false, error: 'invalid_content' };
	})
});

/** Lost the race to another approval, or the meeting was reopened meanwhile. */
class Conflict extends Error {
	constructor(readonly code: MinutesErrorCode) {
		super(code);
	}
}

/** The draft is out with the members for approval by circulation: no other route approves it meanwhile. */
async function circulating(db: Kysely<DB>, meetingId: string): Promise<boolean> {
	const row = await circulationStatus(db, meetingId);
	return row?.status === 'open';
}

/** Common checks of an approval, after the access check: a held meeting with a draft that says something. */
export async function approvable(db: Kysely<DB>, collab: LiveDocuments, meetingId: string, status: string): Promise<PMNode | MinutesErrorCode> {
	if (status === 'minutes_approved') return 'already_approved';
	if (status !== 'ended') return 'not_ended';
	if (!(await repo.getMinutes(db, meetingId))) return 'not_generated';
	// Read before the transaction: the embedded engine has one connection, and loading a document needs it.
	const content = await readDraft(db, collab, meetingId);
	return hasContent(content) ? content : 'empty_draft';
}

/**
 * Freezes the draft into version 1 and the meeting into `minutes_approved`, in
 * one transaction. `by` is who the audit names (null when a deadline approves)
 * and who the version records as its author; `also` runs in the same transaction.
 */
export async function freeze(
	db: Kysely<DB>,
	by: { actorId: string | null; authorId: string },
	meetingId: string,
	content: PMNode,
	grounds: { kind: MinutesVersionKind; approvedAtMeetingId?: string; reason?: string; amendments?: string | null },
	clientAddress: string | null,
	now: Date,
	also?: (tx: Transaction<DB>) => Promise<void>
): Promise<Approved> {
	try {
		const version = await db.transaction().execute(async (tx) => {
			const claimed = await repo.markMinutesApproved(tx, meetingId);
			if (!claimed) throw new Conflict('already_approved');
			const stored = await storeVersion(tx, { meetingId, number: 1, content, userId: by.authorId, at: now, ...grounds });
			await also?.(tx);
			await audit(tx, {
				actorId: by.actorId,
				action: 'minutes.approve',
				outcome: 'success',
				targetType: 'meeting',
				targetId: meetingId,
				clientAddress,
				detail: { kind: grounds.kind, version: 1, sha256: stored.sha256, ...(grounds.approvedAtMeetingId ? { atMeeting: grounds.approvedAtMeetingId } : {}) }
			});
			return stored;
		});
		// Open sockets on both documents drop to read-only.
		for (const name of [meetingDocumentName(meetingId), minutesDocumentName(meetingId)])
			events.emit('document.access_changed', { name, reason: 'minutes_approved' });
		log.info('minutes.approved', { meeting: meetingId, kind: grounds.kind, sha256: version.sha256 });
		return { ok: true, ...version };
	} catch (error) {
		if (error instanceof Conflict) return refused(error.code);
		throw error;
	}
}

/**
 * The next meeting of the body approves the draft, as it stands or with the
 * amendments it made (recorded with the version and in that meeting's minutes).
 */
export async function approveAtMeeting(
	db: Kysely<DB>,
	collab: LiveDocuments,
	actor: Actor | null,
	meetingId: string,
	input: v.InferInput<typeof ApprovalAtMeeting>,
	clientAddress: string | null = null,
	now = new Date()
): Promise<Approved> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.approve_at_meeting', { kind: 'meeting', id: meeting.id }, { clientAddress });
	const { values, errors } = field.parse(ApprovalAtMeeting, input);
	const next = await repo.nextMeetingOf(db, meeting);
	if (errors.atMeetingId || !next || next.id !== values.atMeetingId) return refused('not_next_meeting');
	if (next.status !== 'in_progress' && next.status !== 'ended') return refused('meeting_not_held');
	if (values.amended && (errors.amendments || !values.amendments)) return refused('amendments_required');
	const grounds = { kind: 'approved_at_meeting' as const, approvedAtMeetingId: next.id, amendments: values.amended ? values.amendments : null };
	return approveDraft(db, collab, actor!.userId, meeting, grounds, clientAddress, now);
}

/** Freezes the draft as the approved version on `grounds`, unless it cannot be approved now or is out for approval by circulation. */
async function approveDraft(
	db: Kysely<DB>,
	collab: LiveDocuments,
	userId: string,
	meeting: { id: string; status: string },
	grounds: Parameters<typeof freeze>[4],
	clientAddress: string | null,
	now: Date
): Promise<Approved> {
	const content = await approvable(db, collab, meeting.id, meeting.status);
	if (typeof content === 'string') return refused(content);
	if (await circulating(db, meeting.id)) return refused('circulating');
	return freeze(db, { actorId: userId, authorId: userId }, meeting.id, content, grounds, clientAddress, now);
}

/**
 * The chair approves outside a meeting, giving the reason: kept only as a
 * recorded exception (urgent minutes), since offices approve at a meeting or
 * by circulation; the reason is printed with the version.
 */
export async function approveByChair(
	db: Kysely<DB>,
	collab: LiveDocuments,
	actor: Actor | null,
	meetingId: string,
	input: v.InferInput<typeof ChairApproval>,
	clientAddress: string | null = null,
	now = new Date()
): Promise<Approved> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.approve', { kind: 'meeting', id: meeting.id }, { clientAddress });
	const { values, errors } = field.parse(ChairApproval, input);
	if (errors.reason) return refused('reason_required');
	return approveDraft(db, collab, actor!.userId, meeting, { kind: 'approved_by_chair', reason: values.reason }, clientAddress, now);
}

/** A correction of approved minutes: the next numbered version, with its reason; earlier versions stay as they were. */
export async function correct(
	db: Kysely<DB>,
	actor: Actor | null,
	meetingId: string,
	input: v.InferInput<typeof Correction>,
	clientAddress: string | null = null,
	now = new Date()
): Promise<Approved> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.correct', { kind: 'meeting', id: meeting.id }, { clientAddress });
	if (meeting.status !== 'minutes_approved') return refused('not_approved');
	const { values, errors } = field.parse(Correction, input);
	if (errors.reason) return refused('reason_required');
	if (errors.content) return refused('invalid_content');
	const content = values.content;
	try {
		const stored = await db.transaction().execute(async (tx) => {
			// Corrections of one meeting queue here, so each takes the next number.
			await repo.lockMinutes(tx, meetingId);
			const latest = await repo.latestVersion(tx, meetingId);
			if (!latest) throw new Conflict('not_approved');
			if (sha256(renderMarkdown(content)) === latest.sha256) throw new Conflict('unchanged');
			const version = await storeVersion(tx, {
				meetingId,
				number: latest.number + 1,
				kind: 'correction',
				reason: values.reason,
				content,
				userId: actor!.userId,
				at: now
			});
			await audit(tx, {
				actorId: actor!.userId,
				action: 'minutes.correct',
				outcome: 'success',
				targetType: 'meeting',
				targetId: meetingId,
				clientAddress,
				detail: { version: version.number, sha256: version.sha256 }
			});
			return version;
		});
		return { ok: true, ...stored };
	} catch (error) {
		if (error instanceof Conflict) return refused(error.code);
		throw error;
	}
}
