import type { Locale } from '../db/schema';
import type { NotificationKind } from '../db/schema-notifications';
import type { Subject } from './subjects';
import { fill, WORDS } from './templates';

/** Mail bodies: plain text and a small HTML twin, both built from the same lines. */

export interface MailParts {
	subject: string;
	text: string;
	html: string;
}

export interface Line {
	kind: NotificationKind;
	subject: Subject;
}

export interface Section {
	heading: string;
	items: { text: string; url?: string }[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
// Header injection and odd whitespace have no place in a subject line.
const oneLine = (s: string) =>
	s
		.replace(/[\r\n\t]+/g, ' ')
		.trim()
		.slice(0, 200);

export function subjectOf(locale: Locale, kind: NotificationKind, s: Subject): string {
	return oneLine(fill(WORDS[locale][kind].subject, { t: s.title, d: s.date ?? '' }));
}

export function lineOf(locale: Locale, kind: NotificationKind, s: Subject): string {
	return fill(WORDS[locale][kind].line, { t: s.title, d: s.date ?? '' });
}

export interface Frame {
	locale: Locale;
	origin: string;
	unsubscribeKind?: string;
	unsubscribeAll: string;
}

function frame(f: Frame, subject: string, blocks: { text: string; html: string }[]): MailParts {
	const w = WORDS[f.locale];
	const foot = [w.footer, ...(f.unsubscribeKind ? [`${w.unsubscribe}: ${f.unsubscribeKind}`] : []), `${w.unsubscribeAll}: ${f.unsubscribeAll}`];
	const text = [...blocks.map((b) => b.text), '--', ...foot].join('\n\n') + '\n';
	const footHtml = `<p style="color:#666;font-size:12px">${esc(w.footer)}<br>${f.unsubscribeKind ? `<a href="${esc(f.unsubscribeKind)}">${esc(w.unsubscribe)}</a> · ` : ''}<a href="${esc(f.unsubscribeAll)}">${esc(w.unsubscribeAll)}</a></p>`;
	const html = `<!doctype html><html lang="${f.locale}"><body style="font-family:sans-serif">${blocks.map((b) => b.html).join('')}<hr>${footHtml}</body></html>`;
	return { subject: oneLine(subject), text, html };
}

const lineBlock = (f: Frame, text: string, path: string) => {
	const url = `${f.origin}${path}`;
	return { text: `${text}\n${WORDS[f.locale].open}: ${url}`, html: `<p>${esc(text)}<br><a href="${esc(url)}">${esc(WORDS[f.locale].open)}</a></p>` };
};

const sectionBlock = (f: Frame, s: Section) => ({
	text: [s.heading, ...s.items.map((i) => `- ${i.text}${i.url ? ` ${f.origin}${i.url}` : ''}`)].join('\n'),
	html: `<h3>${esc(s.heading)}</h3><ul>${s.items.map((i) => `<li>${i.url ? `<a href="${esc(f.origin + i.url)}">${esc(i.text)}</a>` : esc(i.text)}</li>`).join('')}</ul>`
});

/** One notification's own mail, with the sections a meeting reminder carries. */
export function singleMail(f: Frame, line: Line, sections: Section[] = [], override?: { subject: string; line: string }): MailParts {
	const subject = override?.subject ?? subjectOf(f.locale, line.kind, line.subject);
	const text = override?.line ?? lineOf(f.locale, line.kind, line.subject);
	return frame(f, subject, [lineBlock(f, text, line.subject.path), ...sections.filter((s) => s.items.length).map((s) => sectionBlock(f, s))]);
}

/** The day's digest: one line per notification, grouped by kind in a fixed order. */
export function digestMail(f: Frame, day: string, lines: Line[], order: NotificationKind[]): MailParts {
	const w = WORDS[f.locale];
	const sorted = [...lines].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
	const blocks = [
		{ text: w.digestIntro, html: `<p>${esc(w.digestIntro)}</p>` },
		...sorted.map((l) => lineBlock(f, lineOf(f.locale, l.kind, l.subject), l.subject.path))
	];
	return frame(f, fill(w.digestSubject, { d: day }), blocks);
}
