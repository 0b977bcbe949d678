import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { MinutesVersionKind } from '../db/schema-minutes';
import { renderHtml } from '../rich-text/html';
import { renderMarkdown } from './markdown';
import { editorSchema, type PMNode } from '../rich-text/prosemirror';
import { insertVersion } from './repository/minutes';

/** The SHA-256 a version is known by: of its Markdown, as UTF-8, so anyone can check an export with `sha256sum`. */
export const sha256 = (markdown: string) => createHash('sha256').update(markdown, 'utf8').digest('hex');

/** Largest content a correction may submit (serialised ProseMirror JSON). */
const MAX_CONTENT_BYTES = 1_000_000;

/** Parses submitted ProseMirror JSON and checks it against the editors' schema; null when it does not fit. */
export function parseContent(raw: unknown): PMNode | null {
	if (typeof raw !== 'string' || !raw || Buffer.byteLength(raw) > MAX_CONTENT_BYTES) return null;
	try {
		const json = JSON.parse(raw) as PMNode;
		const node = editorSchema().nodeFromJSON(json);
		node.check();
		return node.type.name === 'doc' ? (node.toJSON() as PMNode) : null;
	} catch {
		return null;
	}
}

/** Renders and stores one immutable version; the database refuses to change it afterwards. */
export async function storeVersion(
	tx: Transaction<DB>,
	v: {
		meetingId: string;
		number: number;
		kind: MinutesVersionKind;
		approvedAtMeetingId?: string | null;
		reason?: string | null;
		amendments?: string | null;
		content: PMNode;
		userId: string;
		at: Date;
	}
) {
	const markdown = renderMarkdown(v.content);
	const hash = sha256(markdown);
	await insertVersion(tx, {
		meetingId: v.meetingId,
		number: v.number,
		kind: v.kind,
		approvedAtMeetingId: v.approvedAtMeetingId ?? null,
		reason: v.reason ?? null,
		amendments: v.amendments ?? null,
		contentJson: JSON.stringify(v.content),
		html: renderHtml(v.content),
		markdown,
		sha256: hash,
		createdBy: v.userId,
		at: v.at
	});
	return { number: v.number, sha256: hash };
}
