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

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
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

/**
 * Every HTML mail as a whole document: its language, for the voice a screen
 * reader speaks it in; its encoding, for a client that saves it as a file; the
 * subject as its title.
 */
export function mailDocument(locale: Locale, subject: string, body: string): string {
	return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(subject)}</title></head><body style="font-family:sans-serif">${body}</body></html>`;
}

function frame(f: Frame, subject: string, blocks: { text: string; html: string }[]): MailParts {
	const w = WORDS[f.locale];
	const foot = [w.footer, ...(f.unsubscribeKind ? [`${w.unsubscribe}: ${f.unsubscribeKind}`] : []), `${w.unsubscribeAll}: ${f.unsubscribeAll}`];
	const text = [...blocks.map((b) => b.text), '--', ...foot].join('\n\n') + '\n';
	const footHtml = `<p style="color:#666;font-size:12px">${esc(w.footer)}<br>${f.unsubscribeKind ? `<a href="${esc(f.unsubscribeKind)}">${esc(w.unsubscribe)}</a> · ` : ''}<a href="${esc(f.unsubscribeAll)}">${esc(w.unsubscribeAll)}</a></p>`;
	const line = oneLine(subject);
	return { subject: line, text, html: mailDocument(f.locale, line, `${blocks.map((b) => b.html).join('')}<hr>${footHtml}`) };
}

const lineBlock = (f: Frame, text: string, path: string) => {
	const url = `${f.origin}${path}`;
	return { text: `${text}\n${WORDS[f.locale].open}: ${url}`, html: `<p>${esc(text)}<br><a href="${esc(url)}">${esc(WORDS[f.locale].open)}</a></p>` };
};

const sectionBlock = (f: Frame, s: Section) => ({
	text: [s.heading, ...s.items.map((i) => `- ${i.text}${i.url ? ` ${f.origin}${i.url}` : ''}`)].join('\n'),
	html: `<h2 style="font-size:1.1em">${esc(s.heading)}</h2><ul>${s.items.map((i) => `<li>${i.url ? `<a href="${esc(f.origin + i.url)}">${esc(i.text)}</a>` : esc(i.text)}</li>`).join('')}</ul>`
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
