import type { Kysely } from 'kysely';
import { m } from '../../src/lib/paraglide/messages';
import { formatDate } from '../../src/lib/format';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { DOCUMENT_LOCALE } from './document';
import { renderDocx } from './docx';
import { refused, type Outcome } from './errors';
import { conferenceCase, meetingSequence } from './repository/facts';
import { hasContent, readDraft, type LiveDocuments } from './live';
import { renderHtml } from '../rich-text/html';
import { markdownText, renderMarkdown } from './markdown';
import { sequenceLabel } from './model';
import { renderPdf } from './pdf';
import { doc, paragraph, type PMNode } from '../rich-text/prosemirror';
import type { Rendition } from './rendition';
import { xmlSafe, xmlSafeContent } from './xml-safe';
import * as repo from './repository/minutes';

export const EXPORT_FORMATS = ['pdf', 'docx', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const TYPES: Record<ExportFormat, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	md: 'text/markdown; charset=utf-8'
};

export interface ExportFile {
	filename: string;
	contentType: string;
	body: Uint8Array;
}

/** Which minutes to export: a numbered version, the live draft, or (by default) the latest version, else the draft. */
export type Which = number | 'draft' | 'latest';

export function parseWhich(raw: string | null): Which | null {
	if (raw === null || raw === '' || raw === 'latest') return 'latest';
	if (raw === 'draft') return 'draft';
	return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
}

const o = { locale: DOCUMENT_LOCALE };
const labels: Rendition['labels'] = {
	draftMark: `${m.minutes_doc_draft(undefined, { locale: 'th' })} / ${m.minutes_doc_draft(undefined, { locale: 'en' })}`,
	draftBanner: m.minutes_doc_draft_banner(undefined, o),
	page: (page, pages) => m.minutes_doc_page({ page: String(page), pages: String(pages) }, o)
};

/** The rendition of one version, or of the draft as it stands. */
export async function rendition(
	db: Kysely<DB>,
	collab: LiveDocuments,
	meetingId: string,
	which: Which
): Promise<Outcome<{ rendition: Rendition; version: number | 'draft' }>> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	const number = sequenceLabel(await meetingSequence(db, meeting), DOCUMENT_LOCALE);
	const code = await conferenceCase(db, meeting.case_id);
	const heading = code ? m.minutes_doc_heading_case({ body: '', code }, o) : m.minutes_doc_heading({ body: '' }, o);
	const title = `${heading.trim()} ${m.minutes_doc_number({ number }, o)} · ${meeting.title}`;
	const latest = which === 'latest' ? await repo.latestVersion(db, meetingId) : undefined;
	const wanted = which === 'latest' ? (latest?.number ?? 'draft') : which;
	if (wanted === 'draft') {
		if (meeting.status === 'minutes_approved') return refused('already_approved');
		if (!(await repo.getMinutes(db, meetingId))) return refused('not_generated');
		let content = await readDraft(db, collab, meetingId);
		// An emptied draft still says what it is, rather than printing a blank page.
		if (!hasContent(content)) content = doc([paragraph(m.minutes_doc_empty(undefined, o))]);
		return {
			ok: true,
			version: 'draft',
			rendition: { locale: DOCUMENT_LOCALE, title: xmlSafe(title), content: xmlSafeContent(content), markdown: null, draft: true, footer: [], labels }
		};
	}
	const v = await repo.getVersion(db, meetingId, wanted);
	if (!v) return refused('no_version');
	const date = formatDate(v.created_at, DOCUMENT_LOCALE);
	let grounds: string[];
	if (v.kind === 'approved_at_meeting') {
		const at = v.approved_at_meeting_id ? await repo.getMeeting(db, v.approved_at_meeting_id) : undefined;
		const atNumber = at ? sequenceLabel(await meetingSequence(db, at), DOCUMENT_LOCALE) : '';
		grounds = [
			m.minutes_doc_approved_at_meeting({ number: atNumber, date }, o),
			...(v.amendments ? [m.minutes_doc_amendments({ amendments: v.amendments }, o)] : [])
		];
	} else if (v.kind === 'approved_by_circulation') grounds = [m.minutes_doc_approved_by_circulation({ date }, o)];
	else if (v.kind === 'approved_by_chair') grounds = [m.minutes_doc_approved_by_chair({ date, reason: v.reason ?? '' }, o)];
	else grounds = [m.minutes_doc_correction({ date, reason: v.reason ?? '' }, o)];
	const footer = [`${m.minutes_doc_version({ number: String(v.number) }, o)} · ${grounds.join(' · ')}`, m.minutes_doc_hash({ hash: v.sha256 }, o)];
	return {
		ok: true,
		version: v.number,
		rendition: {
			locale: DOCUMENT_LOCALE,
			title: xmlSafe(title),
			content: xmlSafeContent(v.content_json as unknown as PMNode),
			markdown: v.content_markdown,
			draft: false,
			footer: footer.map(xmlSafe),
			labels
		}
	};
}

/** The Markdown file: the version's hashed text, then a rule and the footer (the hash covers what is above the last rule). */
function markdownFile(r: Rendition): string {
	const body = r.markdown ?? renderMarkdown(r.content);
	const banner = r.draft ? `> **${markdownText(labels.draftMark)}** — ${markdownText(labels.draftBanner)}\n\n` : '';
	// The footer is text like any other: an approval reason never becomes markup.
	const footer = [...(r.draft ? [labels.draftBanner] : []), ...r.footer].map(markdownText);
	return `${banner}${body}\n---\n\n${footer.join('\\\n')}\n`;
}

/** Exports minutes in one format; every export is written to the audit log. */
export async function exportMinutes(
	db: Kysely<DB>,
	collab: LiveDocuments,
	actor: Actor | null,
	meetingId: string,
	input: { format: unknown; which: Which | null },
	clientAddress: string | null = null
): Promise<Outcome<{ file: ExportFile }>> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.read', { kind: 'meeting', id: meeting.id }, { clientAddress });
	const format = EXPORT_FORMATS.find((f) => f === input.format);
	if (!format || input.which === null) return refused('no_version');
	const found = await rendition(db, collab, meetingId, input.which);
	if (!found.ok) return found;
	const r = found.rendition;
	const body = format === 'pdf' ? await renderPdf(r) : format === 'docx' ? await renderDocx(r) : new TextEncoder().encode(markdownFile(r));
	await audit(db, {
		actorId: actor!.userId,
		action: 'minutes.export',
		outcome: 'success',
		targetType: 'meeting',
		targetId: meetingId,
		clientAddress,
		detail: { format, version: found.version }
	});
	const number = sequenceLabel(await meetingSequence(db, meeting), DOCUMENT_LOCALE).replace('/', '-');
	// A case conference is numbered within its case: its file says which case, so it never shares a name with the body's own meeting.
	const code = await conferenceCase(db, meeting.case_id);
	const series = code ? `case-conference-${code.replace(/[^A-Za-z0-9-]+/g, '_')}` : 'minutes';
	const filename = `${series}-${number}-${found.version === 'draft' ? 'draft' : `v${found.version}`}.${format}`;
	return { ok: true, file: { filename, contentType: TYPES[format], body } };
}

/** The print-ready page: the same rendition as the files, as HTML; printing it counts as an export. */
export async function printView(
	db: Kysely<DB>,
	collab: LiveDocuments,
	actor: Actor | null,
	meetingId: string,
	which: Which | null,
	clientAddress: string | null = null
): Promise<Outcome<{ view: { title: string; html: string; draft: boolean; footer: string[]; labels: { draftMark: string; draftBanner: string } } }>> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.read', { kind: 'meeting', id: meeting.id }, { clientAddress });
	if (which === null) return refused('no_version');
	const found = await rendition(db, collab, meetingId, which);
	if (!found.ok) return found;
	const r = found.rendition;
	await audit(db, {
		actorId: actor!.userId,
		action: 'minutes.export',
		outcome: 'success',
		targetType: 'meeting',
		targetId: meetingId,
		clientAddress,
		detail: { format: 'print', version: found.version }
	});
	return {
		ok: true,
		view: {
			title: r.title,
			html: renderHtml(r.content),
			draft: r.draft,
			footer: r.footer,
			labels: { draftMark: labels.draftMark, draftBanner: labels.draftBanner }
		}
	};
}
