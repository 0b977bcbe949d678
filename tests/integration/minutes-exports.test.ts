import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import type { CollabServer } from '../../server/collab/server';
import { approveByChair, correct } from '../../server/minutes/approval';
import { exportMinutes, printView } from '../../server/minutes/export';
import { generateDraft } from '../../server/minutes/service';
import { doc, heading, listItem, orderedList, paragraph } from '../../server/rich-text/prosemirror';
import { sha256 } from '../../server/minutes/versions';
import { describeEachEngine } from '../support/database';
import { docxParts, pdfjsText, pdfText, squeeze } from '../support/minutes-files';
import { ACTION, DECISION, heldMeeting, liveDocuments, NOTES } from '../support/minutes-factories';
import { makeUser } from '../support/factories';
import { applyProjection } from '../../server/meetings/apply-projection';
import { projectMeeting } from '../../server/meetings/projection';
import { setAbsenceReason, setAttendance } from '../../src/lib/meeting-doc/schema';

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

	describe('in the official form', () => {
		let official: Awaited<ReturnType<typeof heldMeeting>>;
		let orgs: Record<string, string>;
		let body: string;
		beforeAll(async () => {
			const { db } = use();
			official = await heldMeeting(db, collab);
			const s = official.seats;
			const named: [keyof typeof s, string, string, string][] = [
				['chair', 'นาย', 'วิชัย ศรีสุข', 'ปลัดอำเภอ'],
				['secretary', 'นาง', 'นันทนา ใจดี', 'พัฒนาการอำเภอ'],
				['member', 'ร.ต.อ.', 'สมชาย บุญมา', 'รองสารวัตรสืบสวน'],
				['vice_chair', 'นาย', 'อนันต์ คำแสน', 'ผู้อำนวยการโรงเรียน'],
				['observer', 'Ms', 'Emma Lindqvist', 'Project Officer']
			];
			for (const [role, title, name, position] of named)
				await db.updateTable('app_user').set({ name_title: title, display_name: name, position }).where('id', '=', s[role]!.id).execute();
			const alternate = await makeUser(db);
			await db.updateTable('app_user').set({ name_title: 'ด.ต.', display_name: 'กิตติพงษ์ ปัญญาดี', position: 'ผู้บังคับหมู่' }).where('id', '=', alternate.id).execute();
			await db.updateTable('membership').set({ alternate_user_id: alternate.id }).where('id', '=', s.member!.membershipId).execute();
			// The member's alternate came; the vice-chair sent apologies with a reason; the observer attended.
			await collab.change(`meeting:${official.meetingId}`, (d) => {
				setAttendance(d, s.member!.organisationId, 'alternate');
				setAttendance(d, s.vice_chair!.organisationId, 'apologies');
				setAbsenceReason(d, s.vice_chair!.organisationId, 'ติดราชการ');
				setAttendance(d, s.observer!.organisationId, 'present');
			});
			const projection = projectMeeting(collab.document(`meeting:${official.meetingId}`)!, {
				meetingId: official.meetingId,
				bodyId: official.body.id,
				organisationIds: new Set(Object.values(s).map((x) => x!.organisationId)),
				userIds: new Set(Object.values(s).map((x) => x!.id))
			});
			await applyProjection(db, official.meetingId, projection);
			const rows = await db.selectFrom('organisation').select(['id', 'name_th']).execute();
			orgs = Object.fromEntries(rows.map((r) => [r.id, r.name_th]));
			body = (await db.selectFrom('body').select('name_th').where('id', '=', official.body.id).executeTakeFirstOrThrow()).name_th;
			await generateDraft(db, collab, s.secretary!.actor, official.meetingId);
		});
		const file = async (format: string) => {
			const r = await exportMinutes(use().db, collab, official.seats.member!.actor, official.meetingId, { format, which: 'draft' });
			if (!r.ok) throw new Error(r.error);
			return r.file.body;
		};
		/** The official parts, in the order the form sets them out. */
		const parts = () => {
			const s = official.seats;
			return [
				'ผู้มาประชุม',
				`นายวิชัย ศรีสุข ปลัดอำเภอ ${orgs[s.chair!.organisationId]}`,
				`ด.ต.กิตติพงษ์ ปัญญาดี ผู้บังคับหมู่ ${orgs[s.member!.organisationId]} (มาประชุมแทน ร.ต.อ.สมชาย บุญมา รองสารวัตรสืบสวน)`,
				`นางนันทนา ใจดี พัฒนาการอำเภอ ${orgs[s.secretary!.organisationId]}`,
				'ผู้ไม่มาประชุม',
				`นายอนันต์ คำแสน ผู้อำนวยการโรงเรียน ${orgs[s.vice_chair!.organisationId]} (ติดราชการ)`,
				'ผู้เข้าร่วมประชุม',
				`Ms Emma Lindqvist Project Officer ${orgs[s.observer!.organisationId]}`,
				'เมื่อครบองค์ประชุมแล้ว ประธานกล่าวเปิดประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้',
				'ระเบียบวาระที่ 1 รับรองรายงานการประชุมครั้งที่แล้ว',
				'มติที่ประชุม ที่ประชุมรับทราบ',
				'ระเบียบวาระที่ 2 สถานการณ์และกรณีใหม่',
				'มติที่ประชุม',
				DECISION,
				'เลิกประชุมเวลา 11.30 น.',
				'ผู้จดรายงานการประชุม',
				'(นางนันทนา ใจดี)',
				`เลขานุการ${body}`,
				'ผู้ตรวจรายงานการประชุม',
				'(นายวิชัย ศรีสุข)',
				`ประธาน${body}`,
				'สิ่งที่แนบมาด้วย',
				'เอกสารแนบ 1 สรุปงานที่มอบหมาย',
				'ลำดับ',
				ACTION
			];
		};
		const inOrder = (text: string, pieces: string[]) => {
			let at = -1;
			for (const piece of pieces) {
				const found = text.indexOf(piece, at + 1);
				expect(found, piece).toBeGreaterThan(at);
				at = found;
			}
		};

		it('reads back from the PDF: attendance with titles, positions, whom an alternate replaces and why others were away; the opening; a resolution under every item; signatures; the attachment last', async () => {
			const text = squeeze(pdfText(await file('pdf')));
			inOrder(text, parts().map(squeeze));
			expect(text.split(squeeze('ผู้ไม่มาประชุม')).length - 1).toBe(1);
			// The attachment begins on a page of its own, after the page the signatures end on.
			const pages = (await pdfjsText(await file('pdf'))).map(squeeze);
			const signed = pages.findIndex((p) => p.includes(squeeze(`ประธาน${body}`)));
			const attached = pages.findIndex((p) => p.includes('สิ่งที่แนบมาด้วย'));
			expect(signed).toBeGreaterThanOrEqual(0);
			expect(attached).toBe(signed + 1);
			expect(pages[attached]).not.toContain(squeeze('ผู้ตรวจรายงานการประชุม'));
			expect(pages[signed]).not.toContain(squeeze('เอกสารแนบ 1'));
		});

		it('reads back from the Word file in the same order, the name and the position of each signer on lines of their own', async () => {
			const { text, parts: xml } = docxParts(await file('docx'));
			inOrder(text, parts());
			const paragraphs = [...xml['word/document.xml']!.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
				[...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')
			);
			const signer = paragraphs.indexOf('(นางนันทนา ใจดี)');
			expect(signer).toBeGreaterThan(0);
			expect(paragraphs[signer - 1]).toContain('ผู้จดรายงานการประชุม');
			expect(paragraphs[signer + 1]).toBe(`เลขานุการ${body}`);
			// The attachment begins on a new page.
			expect(xml['word/document.xml']).toMatch(/<w:p><w:pPr>(?:(?!<\/w:p>)[\s\S])*<w:pageBreakBefore\/>(?:(?!<\/w:p>)[\s\S])*สิ่งที่แนบมาด้วย/);
		});
	});
});
