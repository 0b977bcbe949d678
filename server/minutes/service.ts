import type { Kysely } from 'kysely';
import * as v from 'valibot';
import * as Y from 'yjs';
import { can, refuse, requireAccess, type Actor } from '../access';
import { documentAccess } from '../access/documents';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { log } from '../log';
import * as field from '../validate';
import { DOCUMENT_LOCALE, minutesContent } from './document';
import { refused, type Outcome } from './errors';
import { loadFacts, meetingSequence } from './repository/facts';
import { beneathPageHeading, renderHtml } from '../rich-text/html';
import { restamp } from './repository/drafts';
import { meetingNotes, readDraft, replaceDraft, seedDraft, type LiveDocuments } from './live';
import { buildModel, forReader, sequenceLabel } from './model';
import { minutesDocumentName, type PMNode } from '../rich-text/prosemirror';
import * as repo from './repository/minutes';
import { notifySoon } from '../notifications/soon';
import { circulationOf, settleCirculation } from './circulation';

/** Builds the model of a held meeting and fills its draft document, once. Generating again returns the existing draft. */
export async function generateDraft(
	db: Kysely<DB>,
	collab: LiveDocuments,
	actor: Actor | null,
	meetingId: string,
	clientAddress: string | null = null,
	now = new Date()
): Promise<Outcome<{ created: boolean }>> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.generate', { kind: 'meeting', id: meeting.id }, { clientAddress });
	if (await repo.getMinutes(db, meetingId)) return { ok: true, created: false };
	if (meeting.status !== 'ended') return refused('not_ended');
	if (!(await repo.claim(db, meetingId, actor!.userId, now))) return { ok: true, created: false };
	try {
		await seedDraft(collab, meetingId, await draftContent(db, collab, meetingId));
		await repo.markSeeded(db, meetingId);
	} catch (error) {
		await repo.unclaim(db, meetingId);
		throw error;
	}
	await audit(db, { actorId: actor!.userId, action: 'minutes.generate', outcome: 'success', targetType: 'meeting', targetId: meetingId, clientAddress });
	log.info('minutes.generated', { meeting: meetingId });
	notifySoon();
	return { ok: true, created: true };
}

/** The draft as the meeting's record makes it now: facts from SQL, notes from the meeting's live document. */
export async function draftContent(db: Kysely<DB>, collab: LiveDocuments, meetingId: string): Promise<PMNode> {
	const facts = await loadFacts(db, meetingId);
	const notes = await meetingNotes(
		db,
		collab,
		meetingId,
		facts.agenda.map((a) => a.id)
	);
	// The shared draft never carries a confidential section: Yjs hands every reader the whole document.
	return minutesContent(forReader(buildModel(facts, notes, DOCUMENT_LOCALE), () => false));
}

/**
 * Rebuilds the draft from the meeting as it stands now, for a meeting that
 * was resumed and ended again after its draft was made. The draft's content
 * is replaced in one change: edits made to it are lost (the caller confirms
 * that), blocks that come out the same are kept, and so are the comments on
 * them; comments whose paragraph is gone are closed.
 */
export async function regenerateDraft(
	db: Kysely<DB>,
	collab: LiveDocuments,
	actor: Actor | null,
	meetingId: string,
	input: { confirmed: unknown },
	clientAddress: string | null = null,
	now = new Date()
): Promise<Outcome<{ kept: number; closed: number }>> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.generate', { kind: 'meeting', id: meeting.id }, { clientAddress });
	if (meeting.status === 'minutes_approved') return refused('frozen');
	if (!(await repo.getMinutes(db, meetingId))) return refused('not_generated');
	if (meeting.status !== 'ended') return refused('not_ended');
	if (input.confirmed !== true && input.confirmed !== 'yes') return refused('not_confirmed');
	const content = await draftContent(db, collab, meetingId);
	const open = (await repo.listComments(db, meetingId)).filter((c) => !c.resolved_at);
	// Building the content takes a while: an approval or a resumed meeting in between wins.
	const status = (await repo.getMeeting(db, meetingId))?.status;
	if (status !== 'ended') return refused(status === 'minutes_approved' ? 'frozen' : 'not_ended');
	const { kept, anchored } = await replaceDraft(
		collab,
		meetingId,
		content,
		open.map((c) => c.anchor)
	);
	const orphaned = open.filter((c) => !anchored.has(c.anchor));
	await db.transaction().execute(async (tx) => {
		await restamp(tx, meetingId, actor!.userId, now);
		for (const c of orphaned) await repo.resolveComment(tx, meetingId, c.id, actor!.userId, now);
		await audit(tx, {
			actorId: actor!.userId,
			action: 'minutes.regenerate',
			outcome: 'success',
			targetType: 'meeting',
			targetId: meetingId,
			clientAddress,
			detail: { commentsKept: open.length - orphaned.length, commentsClosed: orphaned.length }
		});
	});
	log.info('minutes.regenerated', { meeting: meetingId, blocksKept: kept });
	return { ok: true, kept: open.length - orphaned.length, closed: orphaned.length };
}

/** Everything the minutes page shows besides the live draft. */
export async function minutesPage(db: Kysely<DB>, actor: Actor | null, meetingId: string, now = new Date()) {
	// A circulation past its deadline settles before anyone reads where it stands.
	await settleCirculation(db, meetingId, now);
	const m = await repo.getMeeting(db, meetingId);
	if (!m) return refuse(db, actor, 'minutes.read', { type: 'meeting', id: meetingId }, 404);
	await requireAccess(db, actor, 'minutes.read', { kind: 'meeting', id: m.id });
	const body = { kind: 'meeting' as const, id: m.id };
	const [bodyRow, sequence, minutes, versions, comments, next, access, rights] = await Promise.all([
		repo.bodyNames(db, m.body_id),
		meetingSequence(db, m),
		repo.getMinutes(db, meetingId),
		repo.listVersions(db, meetingId),
		repo.listComments(db, meetingId),
		repo.nextMeetingOf(db, m),
		documentAccess(db, actor, minutesDocumentName(meetingId)),
		Promise.all([
			can(db, actor, 'minutes.generate', body),
			can(db, actor, 'minutes.comment', body),
			can(db, actor, 'minutes.approve', body),
			can(db, actor, 'minutes.correct', body),
			can(db, actor, 'minutes.edit', body),
			can(db, actor, 'minutes.circulate', body),
			can(db, actor, 'minutes.confirm', body)
		])
	]);
	const [generate, comment, approve, correct, edit, circulate, confirm] = rights;
	const circulation = await circulationOf(db, meetingId, actor?.userId ?? null);
	const circulating = circulation?.status === 'open';
	const approved = m.status === 'minutes_approved';
	// The meeting was resumed after the draft was made: ended again, the draft lags behind it.
	const resumed = !!minutes && !approved && (m.status === 'in_progress' || (m.status === 'ended' && !!m.closed_at && m.closed_at > minutes.generated_at));
	const latest = versions.length ? await repo.getVersion(db, meetingId, versions[versions.length - 1]!.number) : undefined;
	const labels = new Map<string, string>();
	for (const id of new Set(versions.map((x) => x.approved_at_meeting_id).filter((x): x is string => !!x))) {
		const at = await repo.getMeeting(db, id);
		if (at) labels.set(id, sequenceLabel(await meetingSequence(db, at), DOCUMENT_LOCALE));
	}
	return {
		meeting: m,
		body: bodyRow,
		number: sequenceLabel(sequence, DOCUMENT_LOCALE),
		generated: !!minutes,
		approved,
		mode: access.allowed ? access.mode : null,
		versions: versions.map((x) => ({ ...x, approvedAt: x.approved_at_meeting_id ? (labels.get(x.approved_at_meeting_id) ?? null) : null })),
		latest: latest ? { number: latest.number, html: beneathPageHeading(latest.content_html), json: latest.content_json, sha256: latest.sha256 } : null,
		comments,
		resumed,
		next: next ? { id: next.id, title: next.title, status: next.status, starts_at: next.starts_at } : null,
		can: {
			generate: generate && !minutes && m.status === 'ended',
			regenerate: generate && resumed && m.status === 'ended',
			comment: comment && !!minutes && !approved,
			resolve: edit && !approved,
			approve: approve && !!minutes && m.status === 'ended' && !circulating,
			correct: correct && approved,
			circulate: circulate && !!minutes && m.status === 'ended' && !circulation,
			answer: confirm && circulating && !circulation.answered
		},
		circulation
	};
}

/** Where in the draft a comment is anchored: a Yjs relative position, in base64. */
const anchor: field.Field<string> = v.pipe(v.string(), v.maxLength(400), v.regex(/^[A-Za-z0-9+/]+=*$/), v.check(isRelativePosition));

const CommentInput = v.object({
	anchor,
	/** The words of the draft it is about. */
	quote: field.text({ max: 2000 }),
	text: field.text({ required: true, max: 4000 })
});

/** A member's comment on one paragraph of the draft; until approval. */
export async function addComment(
	db: Kysely<DB>,
	actor: Actor | null,
	meetingId: string,
	input: v.InferInput<typeof CommentInput>,
	now = new Date()
): Promise<Outcome<{ id: string }>> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.comment', { kind: 'meeting', id: meeting.id });
	if (!(await repo.getMinutes(db, meetingId))) return refused('not_generated');
	if (meeting.status === 'minutes_approved') return refused('frozen');
	const { values, errors } = field.parse(CommentInput, input);
	if (Object.keys(errors).length) return refused('invalid_comment');
	const row = await repo.insertComment(db, { meetingId, anchor: values.anchor, quote: values.quote, text: values.text, authorId: actor!.userId, at: now });
	return { ok: true, id: row.id };
}

function isRelativePosition(base64: string): boolean {
	try {
		Y.decodeRelativePosition(new Uint8Array(Buffer.from(base64, 'base64')));
		return true;
	} catch {
		return false;
	}
}

/** The secretariat marks a comment dealt with. */
export async function resolveComment(db: Kysely<DB>, actor: Actor | null, meetingId: string, commentId: unknown, now = new Date()): Promise<Outcome> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.edit', { kind: 'meeting', id: meeting.id });
	if (meeting.status === 'minutes_approved') return refused('frozen');
	const id = field.check(field.uuid, commentId);
	if (!id.ok || !(await repo.resolveComment(db, meetingId, id.value, actor!.userId, now))) return refused('not_found');
	return { ok: true };
}

/** The draft rendered for reading, or null when none was generated. */
export async function draftHtml(db: Kysely<DB>, collab: LiveDocuments, meetingId: string): Promise<string | null> {
	if (!(await repo.getMinutes(db, meetingId))) return null;
	return renderHtml(await readDraft(db, collab, meetingId));
}
