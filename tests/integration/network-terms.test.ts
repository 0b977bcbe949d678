import { expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import { bodyPage, updateBodySettings } from '../../server/network/service';
import { richText, richTextHtml, roleWording, updateRoleWording } from '../../server/network/terms';
import { describeEachEngine } from '../support/database';
import { makeBody } from '../support/factories';

const doc = (...content: unknown[]) => JSON.stringify({ type: 'doc', content });
const p = (text: string, marks?: unknown[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });

it('takes rich text only as a document of the editor schema', () => {
	expect(richText('')).toEqual({ ok: true, value: { doc: null, text: '' } });
	expect(richText('{not json')).toEqual({ ok: false, error: 'invalid' });
	expect(richText(doc({ type: 'script', content: [] }))).toEqual({ ok: false, error: 'invalid' });
	expect(richText(JSON.stringify({ type: 'paragraph', content: [] }))).toEqual({ ok: false, error: 'invalid' });
	expect(richText(42)).toEqual({ ok: false, error: 'invalid' });
	expect(richText(doc(p('ก'.repeat(8001))))).toEqual({ ok: false, error: 'too_long' });
	// An empty document is no terms at all.
	expect(richText(doc({ type: 'paragraph' }))).toEqual({ ok: true, value: { doc: null, text: '' } });
	const ok = richText(
		doc(
			{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'หน้าที่' }] },
			{ type: 'bulletList', content: [{ type: 'listItem', content: [p('รับแจ้งเหตุ')] }] }
		)
	);
	expect(ok.ok && ok.value.text).toBe('หน้าที่\nรับแจ้งเหตุ');
});

it('renders stored rich text escaped, with only web links', () => {
	const parsed = richText(
		doc(
			p('<img src=x onerror=alert(1)>'),
			p('ลิงก์', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
			p('คำสั่ง', [{ type: 'link', attrs: { href: 'https://example.go.th/order.pdf' } }])
		)
	);
	if (!parsed.ok || !parsed.value.doc) throw new Error('refused');
	const html = richTextHtml(parsed.value.doc)!;
	expect(html).not.toContain('<img');
	expect(html).toContain('&#60;img');
	expect(html).not.toContain('javascript:');
	expect(html).toContain('href="https://example.go.th/order.pdf"');
	expect(richTextHtml(null)).toBeNull();
});

describeEachEngine('terms of reference and role wording', (use) => {
	it('stores the terms as rich text with their plain text, for the chair or secretary only', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const input = { cadence: 'monthly', quorum: 'half', termsTh: doc(p('ประชุมเดือนละครั้ง', [{ type: 'bold' }])), termsEn: '' };
		expect(await updateBodySettings(db, body.seats.chair!.actor, body.id, input, null)).toEqual({ ok: true });
		const row = await db
			.selectFrom('body')
			.select(['terms_th', 'terms_th_doc', 'terms_en', 'terms_en_doc'])
			.where('id', '=', body.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ terms_th: 'ประชุมเดือนละครั้ง', terms_en: '', terms_en_doc: null });
		expect(row.terms_th_doc?.type).toBe('doc');
		const page = await bodyPage(db, body.seats.member!.actor, body.id);
		expect(page!.terms.th).toBe('<p><strong>ประชุมเดือนละครั้ง</strong></p>');
		expect(await updateBodySettings(db, body.seats.chair!.actor, body.id, { ...input, termsEn: '{"type":"doc","content":[{"type":"iframe"}]}' }, null)).toEqual(
			{ ok: false, errors: { termsEn: 'invalid' } }
		);
		await expect(updateBodySettings(db, body.seats.member!.actor, body.id, input, null)).rejects.toBeInstanceOf(AccessDenied);
	});

	it('keeps the body’s own wording of each role, and drops a role left empty', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
		const secretary = body.seats.secretary!.actor;
		const saved = await updateRoleWording(
			db,
			secretary,
			body.id,
			{ secretary_th: 'จัดทำรายงานการประชุมและติดตามมติ', secretary_en: 'Keeps the minutes', member_th: '' },
			null
		);
		expect(saved).toEqual({ ok: true });
		expect((await roleWording(db, [body.id])).get(body.id)).toEqual({ secretary: { th: 'จัดทำรายงานการประชุมและติดตามมติ', en: 'Keeps the minutes' } });
		expect((await bodyPage(db, body.seats.member!.actor, body.id))!.roles).toEqual({
			secretary: { th: 'จัดทำรายงานการประชุมและติดตามมติ', en: 'Keeps the minutes' }
		});
		expect(await updateRoleWording(db, secretary, body.id, { chair_th: 'x'.repeat(501) }, null)).toEqual({ ok: false, errors: { chair_th: 'too_long' } });
		expect(await updateRoleWording(db, secretary, body.id, {}, null)).toEqual({ ok: true });
		expect((await roleWording(db, [body.id])).get(body.id)).toBeUndefined();
		await expect(updateRoleWording(db, body.seats.member!.actor, body.id, {}, null)).rejects.toBeInstanceOf(AccessDenied);
	});
});
