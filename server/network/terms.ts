import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB, RichText, Role } from '../db/schema';
import { linkHref, renderHtml } from '../rich-text/html';
import { editorSchema, textOf, type PMNode } from '../rich-text/prosemirror';
import * as field from '../validate';
import { replaceRoleDescriptions, roleDescriptions } from './repository/roles';
import { ROLES } from './service';

/**
 * A body's terms of reference in rich text, and its own wording of what each
 * role means on it. Rich text is ProseMirror JSON of the editor's schema: it
 * is checked against that schema on the way in and rendered through the
 * minutes' escaping renderer on the way out, so no markup of the sender's
 * choosing ever reaches a page.
 */

export const MAX_TERMS_CHARS = 8000;
const MAX_JSON_BYTES = 200_000;
const termsText = field.text({ max: MAX_TERMS_CHARS });
/** A body's wording of one role, in one language. */
const RoleText = field.text({ max: 500 });

/** Rich text from a form: empty means none; anything not a valid document of the schema is `invalid`. */
export function richText(raw: unknown): field.Checked<{ doc: RichText | null; text: string }> {
	if (raw === undefined || raw === null || raw === '') return { ok: true, value: { doc: null, text: '' } };
	if (typeof raw !== 'string' || raw.length > MAX_JSON_BYTES) return { ok: false, error: typeof raw === 'string' ? 'too_long' : 'invalid' };
	let node;
	try {
		node = editorSchema().nodeFromJSON(JSON.parse(raw));
		node.check();
	} catch {
		return { ok: false, error: 'invalid' };
	}
	if (node.type.name !== 'doc') return { ok: false, error: 'invalid' };
	const doc = withoutUnsafeLinks(node.toJSON() as PMNode) as RichText;
	const plain = field.check(termsText, textOf(doc as PMNode));
	if (!plain.ok) return plain;
	return { ok: true, value: plain.value ? { doc, text: plain.value } : { doc: null, text: '' } };
}

/**
 * A link the renderers would show as text (javascript:, data:, relative …) is
 * never stored either: its text stays, the link goes. The editor cannot make
 * one, so only a hand-made post loses anything.
 */
function withoutUnsafeLinks(node: PMNode): PMNode {
	const out: PMNode = { ...node };
	if (node.marks) {
		const marks = node.marks.filter((mark) => mark.type !== 'link' || linkHref(mark));
		if (marks.length) out.marks = marks;
		else delete out.marks;
	}
	if (node.content) out.content = node.content.map(withoutUnsafeLinks);
	return out;
}

/** Safe HTML of stored rich text, or null when there is none. */
export function richTextHtml(doc: RichText | null): string | null {
	return doc ? renderHtml(doc as PMNode) : null;
}

export type RoleWording = Record<Role, { th: string; en: string }>;

/** The body's own role descriptions; a role without one is absent. */
export async function roleWording(db: Kysely<DB>, bodyIds: string[]): Promise<Map<string, Partial<RoleWording>>> {
	const out = new Map<string, Partial<RoleWording>>();
	if (!bodyIds.length) return out;
	const rows = await roleDescriptions(db, bodyIds);
	for (const r of rows) {
		const entry = out.get(r.body_id) ?? {};
		entry[r.role] = { th: r.text_th, en: r.text_en };
		out.set(r.body_id, entry);
	}
	return out;
}

/** Saves the body's wording of each role; a role left empty in both languages falls back to the general description. */
export async function updateRoleWording(
	db: Kysely<DB>,
	actor: Actor | null,
	bodyId: string,
	input: Record<string, unknown>,
	clientAddress: string | null
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
	await requireAccess(db, actor, 'body.manage', { kind: 'body', id: bodyId }, { clientAddress });
	const errors: Record<string, string> = {};
	const rows: { role: Role; th: string; en: string }[] = [];
	for (const role of ROLES) {
		const th = field.check(RoleText, input[`${role}_th`]);
		const en = field.check(RoleText, input[`${role}_en`]);
		if (!th.ok) errors[`${role}_th`] = th.error;
		if (!en.ok) errors[`${role}_en`] = en.error;
		if (th.ok && en.ok) rows.push({ role, th: th.value, en: en.value });
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	await db.transaction().execute(async (tx) => {
		const kept = rows.filter((r) => r.th || r.en);
		await replaceRoleDescriptions(tx, bodyId, kept, actor!.userId);
		await audit(tx, {
			actorId: actor!.userId,
			action: 'body.roles',
			outcome: 'success',
			targetType: 'body',
			targetId: bodyId,
			clientAddress,
			detail: { roles: kept.map((r) => r.role) }
		});
	});
	return { ok: true };
}
