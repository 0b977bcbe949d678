import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import type { CollabServer } from '../../server/collab/server';
import { approveByChair, correct } from '../../server/minutes/approval';
import { exportMinutes, printView } from '../../server/minutes/export';
import { generateDraft } from '../../server/minutes/service';
import { doc, heading, listItem, orderedList, paragraph } from '../../server/rich-text/prosemirror';
import { sha256 } from '../../server/minutes/versions';
import { describeEachEngine } from '../support/database';
import { docxParts, pdfText, squeeze } from '../support/minutes-files';
import { ACTION, DECISION, heldMeeting, liveDocuments, NOTES } from '../support/minutes-factories';

describeEachEngine('minutes exports', (use) => {
	let collab: CollabServer;
	let held: Awaited<ReturnType<typeof heldMeeting>>;
	beforeAll(async () => {
		collab = liveDocuments(use().db);
		held = await heldMeeting(use().db, collab);
	});
	afterAll(() => collab?.close());

	const download = async (format: string, which: number | 'draft' | 'latest' | null = 'latest', who = held.seats.member!.actor) => {
		const r = await exportMinutes(use().db, collab, who, held.meetingId, { format, which });
		if (!r.ok) throw new Error(r.error);
		return r.file;
	};
	const exports = () =>
		use()
			.db.selectFrom('audit_event')
			.select(['actor_id', 'detail'])
			.where('action', '=', 'minutes.export')
			.where('target_id', '=', held.meetingId)
			.orderBy('id')
			.execute();

	describe('of the draft', () => {
		it('are refused before there is a draft, and for anyone who cannot read the body', async () => {
			expect(await exportMinutes(use().db, collab, held.seats.member!.actor, held.meetingId, { format: 'pdf', which: 'latest' })).toEqual({
				ok: false,
				error: 'not_generated'
			});
			await expect(exportMinutes(use().db, collab, held.outsider.actor, held.meetingId, { format: 'pdf', which: 'latest' })).rejects.toBeInstanceOf(
				AccessDenied
			);
			expect(await exports()).toEqual([]);
		});

		it('PDF embeds the Thai font, reads back in Thai, and says DRAFT on every page', async () => {
			await generateDraft(use().db, collab, held.seats.secretary!.actor, held.meetingId);
			const file = await download('pdf');
			expect(file).toMatchObject({ contentType: 'application/pdf', filename: 'minutes-1-2569-draft.pdf' });
			const raw = Buffer.from(file.body).toString('latin1');
			expect(raw.startsWith('%PDF-')).toBe(true);
			expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Sarabun-Regular/);
			expect(raw).toContain('/FontFile2');
			const text = squeeze(pdfText(file.body));
			for (const wanted of [
				'รายงานการประชุม',
				'ครั้งที่1/2569',
				'ผู้มาประชุม',
				'ระเบียบวาระที่2สถานการณ์และกรณีใหม่',
				'มติที่ประชุม',
				DECISION,
				NOTES,
				ACTION,
				'เลิกประชุมเวลา11.30น.',
				'ผู้จดรายงานการประชุม'
			]) {
				expect(text, wanted).toContain(squeeze(wanted));
			}
			const pages = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(raw)?.[1]);
			expect(pages).toBeGreaterThan(0);
			expect(text.split('ร่าง/DRAFT').length - 1).toBeGreaterThanOrEqual(pages);
		});

		it('DOCX sets the Thai font and carries the headings, the decision and the draft banner', async () => {
			const file = await download('docx');
			expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
			const { text, parts } = docxParts(file.body);
			for (const wanted of ['รายงานการประชุม', 'ครั้งที่ 1/2569', 'มติที่ประชุม', DECISION, ACTION]) expect(text).toContain(wanted);
			expect(parts['word/header1.xml']).toContain('ร่าง / DRAFT');
			expect(parts['word/styles.xml']).toContain('w:cs="TH Sarabun New"');
			expect(parts['word/styles.xml']).toContain('w:bidi="th-TH"');
		});

		it('Markdown says it is a draft', async () => {
			const md = new TextDecoder().decode((await download('md')).body);
			expect(md.startsWith('> **ร่าง / DRAFT**')).toBe(true);
			expect(md).toContain(DECISION);
		});
	});

	describe('of an approved version', () => {
		it('print the version and its hash, without the draft mark, and the Markdown hashes to it', async () => {
			const { db } = use();
			await approveByChair(db, collab, held.seats.chair!.actor, held.meetingId, { reason: 'ต้องส่งรายงานให้ศูนย์จังหวัด' });
			const { sha256: hash } = await db.selectFrom('minutes_version').select('sha256').where('meeting_id', '=', held.meetingId).executeTakeFirstOrThrow();

			const pdf = await download('pdf', 1);
			expect(pdf.filename).toBe('minutes-1-2569-v1.pdf');
			const text = squeeze(pdfText(pdf.body));
			expect(text).toContain(hash);
			expect(text).toContain(squeeze('ประธานรับรองนอกการประชุม'));
			expect(text).toContain(squeeze(DECISION));
			expect(text).not.toContain('DRAFT');

			const { text: word } = docxParts((await download('docx', 1)).body);
			expect(word).toContain(hash);
			expect(word).not.toContain('DRAFT');

			const md = new TextDecoder().decode((await download('md')).body);
			const body = md.slice(0, md.lastIndexOf('\n---\n'));
			expect(sha256(body)).toBe(hash);
			expect(md).toContain(`SHA-256: ${hash}`);
		});

		it('refuse a version that does not exist, an unknown format, and the draft once approved', async () => {
			const { db } = use();
			const before = (await exports()).length;
			for (const [format, which, error] of [
				['pdf', 9, 'no_version'],
				['xls', 1, 'no_version'],
				['pdf', null, 'no_version'],
				['docx', 'draft', 'already_approved']
			] as const) {
				expect(await exportMinutes(db, collab, held.seats.member!.actor, held.meetingId, { format, which })).toEqual({ ok: false, error });
			}
			expect(await printView(db, collab, held.seats.member!.actor, held.meetingId, 7)).toEqual({ ok: false, error: 'no_version' });
			expect((await exports()).length).toBe(before);
		});

		it('write one audit row per export with the format and version', async () => {
			const rows = await exports();
			expect(rows.map((r) => r.detail)).toEqual([
				{ format: 'pdf', version: 'draft' },
				{ format: 'docx', version: 'draft' },
				{ format: 'md', version: 'draft' },
				{ format: 'pdf', version: 1 },
				{ format: 'docx', version: 1 },
				{ format: 'md', version: 1 }
			]);
			expect(new Set(rows.map((r) => r.actor_id))).toEqual(new Set([held.seats.member!.id]));
			const view = await printView(use().db, collab, held.seats.observer!.actor, held.meetingId, 1);
			expect(view.ok && view.view.footer.join(' ')).toContain('SHA-256');
			expect((await exports()).at(-1)?.detail).toEqual({ format: 'print', version: 1 });
		});
	});

	describe('the action items table', () => {
		const HEAD = ['ลำดับ', 'งาน', 'หน่วยงานหลัก', 'หน่วยงานสนับสนุน', 'ผู้รับผิดชอบ', 'กำหนดเสร็จ'];
		let table: Awaited<ReturnType<typeof heldMeeting>>;
		let lead: string;
		beforeAll(async () => {
			const { db } = use();
			table = await heldMeeting(db, collab);
			lead = (await db.selectFrom('organisation').select('name_th').where('id', '=', table.seats.member!.organisationId).executeTakeFirstOrThrow()).name_th;
			await generateDraft(db, collab, table.seats.secretary!.actor, table.meetingId);
		});
		const file = async (format: string, which: number | 'draft') => {
			const r = await exportMinutes(use().db, collab, table.seats.member!.actor, table.meetingId, { format, which });
			if (!r.ok) throw new Error(r.error);
			return r.file.body;
		};

		it('is a table, its header row and each action with its lead in the PDF, DOCX, Markdown and print view', async () => {
			const pdf = squeeze(pdfText(await file('pdf', 'draft')));
			expect(pdf).toContain(squeeze(HEAD.join('')));
			expect(pdf).toContain(squeeze(`1${ACTION}${lead}`));

			const { text, parts } = docxParts(await file('docx', 'draft'));
			expect(parts['word/document.xml']).toMatch(/<w:tbl>[\s\S]*<w:tblHeader\/>[\s\S]*<\/w:tbl>/);
			for (const wanted of [...HEAD, ACTION, lead]) expect(text).toContain(wanted);

			const md = new TextDecoder().decode(await file('md', 'draft'));
			expect(md).toContain(`| ${HEAD.join(' | ')} |\n| --- | --- | --- | --- | --- | --- |\n| 1 | ${ACTION} | ${lead} |`);

			const view = await printView(use().db, collab, table.seats.member!.actor, table.meetingId, 'draft');
			if (!view.ok) throw new Error(view.error);
			expect(view.view.html).toContain(HEAD.map((h) => `<th scope="col"><p>${h}</p></th>`).join(''));
			expect(view.view.html).toContain(`<td><p>${ACTION}</p></td><td><p>${lead}</p></td>`);
		});

		it('stays a table in the approved version, and a version that kept its actions as a list still exports', async () => {
			const { db } = use();
			const chair = table.seats.chair!.actor;
			expect((await approveByChair(db, collab, chair, table.meetingId, { reason: 'ส่งรายงานให้จังหวัด' })).ok).toBe(true);
			expect(squeeze(pdfText(await file('pdf', 1)))).toContain(squeeze(HEAD.join('')));
			// A version laid out the earlier way: the action items as a numbered list.
			const listed = doc([heading(2, 'สรุปงานที่มอบหมาย'), orderedList([listItem(paragraph(ACTION), paragraph(`หน่วยงานหลัก: ${lead}`))])]);
			expect(await correct(db, chair, table.meetingId, { reason: 'จัดรูปแบบเดิม', content: JSON.stringify(listed) })).toMatchObject({ ok: true, number: 2 });
			expect(squeeze(pdfText(await file('pdf', 2)))).toContain(squeeze(`1.${ACTION}หน่วยงานหลัก:${lead}`));
			expect(docxParts(await file('docx', 2)).text).toContain(`หน่วยงานหลัก: ${lead}`);
			expect(new TextDecoder().decode(await file('md', 2))).toContain(`1. ${ACTION}\n\n   หน่วยงานหลัก: ${lead}`);
		});
	});
});
