import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { documentWithContent, insertDocument } from './repository/identity';

/** Photos and documents of the restricted record; the bytes live in the database, never on disk. */

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

interface FileType {
	mediaType: string;
	extension: string;
	kind: 'photo' | 'document';
}

const JPEG: FileType = { mediaType: 'image/jpeg', extension: '.jpg', kind: 'photo' };
const PNG: FileType = { mediaType: 'image/png', extension: '.png', kind: 'photo' };
const WEBP: FileType = { mediaType: 'image/webp', extension: '.webp', kind: 'photo' };
const PDF: FileType = { mediaType: 'application/pdf', extension: '.pdf', kind: 'document' };
const DOCX: FileType = { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: '.docx', kind: 'document' };

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * What the bytes are, whatever the browser claimed. A .docx is a zip whose
 * entry names (stored uncompressed) include the Word body part.
 */
export function sniff(bytes: Uint8Array): FileType | null {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return WEBP;
	if (startsWith(bytes, ascii('%PDF-'))) return PDF;
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml')) return DOCX;
	return null;
}

/** A file name safe to store and send back: no path, no control characters, the extension of what it is. */
export function cleanFilename(name: string, type: FileType): string {
	const base = (name.split(/[\\/]/).pop() ?? '')
		.normalize('NFC')
		// eslint-disable-next-line no-control-regex -- control characters are what this strips
		.replace(/[\u0000-\u001f\u007f"]/g, '')
		.trim();
	const stem = (base.replace(/\.[^.]*$/, '') || 'document').slice(0, 150);
	return stem + type.extension;
}

/** `Content-Disposition: attachment` with a plain fallback name and the exact UTF-8 one. */
export function attachmentHeader(filename: string): string {
	const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export interface UploadInput {
	filename: string;
	content: Uint8Array;
}

export async function uploadDocument(
	db: Kysely<DB>,
	actor: Actor | null,
	caseId: string,
	input: UploadInput,
	clientAddress: string | null,
	now = new Date()
): Promise<{ ok: true; id: string } | { ok: false; errors: Record<string, string> }> {
	await requireAccess(db, actor, 'case.identity', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	if (input.content.byteLength === 0) return { ok: false, errors: { file: 'empty' } };
	if (input.content.byteLength > MAX_DOCUMENT_BYTES) return { ok: false, errors: { file: 'too_large' } };
	const type = sniff(input.content);
	if (!type) return { ok: false, errors: { file: 'wrong_type' } };
	const id = await db.transaction().execute(async (tx) => {
		const documentId = await insertDocument(tx, {
			case_id: caseId,
			kind: type.kind,
			filename: cleanFilename(input.filename, type),
			media_type: type.mediaType,
			size: input.content.byteLength,
			content: input.content,
			uploaded_by: actor!.userId,
			uploaded_at: now
		});
		// The file name may name the person: the audit keeps the type and size only.
		await audit(tx, {
			actorId: actor!.userId,
			action: 'case.document_upload',
			outcome: 'success',
			targetType: 'case_document',
			targetId: documentId,
			clientAddress,
			detail: { case: caseId, type: type.mediaType, size: input.content.byteLength }
		});
		return documentId;
	});
	return { ok: true, id };
}

/** One document for download, audited; `null` when the case has no such document. */
export async function downloadDocument(
	db: Kysely<DB>,
	actor: Actor | null,
	caseId: string,
	documentId: string,
	clientAddress: string | null,
	now = new Date()
) {
	await requireAccess(db, actor, 'case.identity', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const doc = await documentWithContent(db, caseId, documentId);
	if (!doc) return null;
	await audit(db, {
		actorId: actor!.userId,
		action: 'case.document_view',
		outcome: 'success',
		targetType: 'case_document',
		targetId: doc.id,
		clientAddress,
		detail: { case: caseId }
	});
	return doc;
}
