import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { m } from '../../src/lib/paraglide/messages';
import { AccessDenied } from '../../server/access';
import { representativeBoard } from '../../server/followup/board';
import { followupOverview } from '../../server/followup/overview';
import { prepareReport, reportView } from '../../server/outcomes/service';
import { exportSpreadsheet } from '../../server/exports/service';
import { describeEachEngine } from '../support/database';
import { followupAction, followupDecision, followupMeeting, makeBody, makeUser } from '../support/factories';

const STATUS_OPEN = m.status_open(undefined, { locale: 'th' });

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes and line ends. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else field += c;
	}
	return rows;
}

async function readXlsx(body: Uint8Array) {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(Buffer.from(body) as unknown as ArrayBuffer);
	return book.worksheets[0]!;
}

describeEachEngine('spreadsheet exports', (use) => {
	async function scene() {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
		const member = body.seats.member!;
		const meetingId = await followupMeeting(db, { bodyId: body.id, startsAt: new Date('2026-11-05T02:00:00Z'), title: 'ประชุมประจำเดือนพฤศจิกายน' });
		const decisionId = await followupDecision(db, {
			meetingId,
			text: 'ให้ตรวจสถานบริการ, ร้านคาราโอเกะ และ "ร้านอาหาร"',
			lead: member.organisationId,
			supporting: [body.seats.chair!.organisationId]
		});
		await followupAction(db, {
			bodyId: body.id,
			organisationId: member.organisationId,
			assigneeId: member.id,
			meetingId,
			decisionId,
			title: 'ตรวจสถานบริการในเขตอำเภอ',
			dueOn: '2026-12-20'
		});
		await followupAction(db, {
			bodyId: body.id,
			organisationId: member.organisationId,
			assigneeId: member.id,
			title: '=HYPERLINK("http://evil.example")',
			dueOn: null
		});
		return { db, body, member, decisionId };
	}

	it("give the board as CSV with a byte-order mark and the page's rows, formulas defused, and audit the export", async () => {
		const { db, member } = await scene();
		const file = await exportSpreadsheet(db, member.actor, 'actions', { body: null }, 'csv', 'th', '203.0.113.7');
		expect(file.filename).toMatch(/^actions-\d{4}-\d{2}-\d{2}\.csv$/);
		expect(file.contentType).toBe('text/csv; charset=utf-8');
		expect([...file.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parseCsv(new TextDecoder().decode(file.body));
		expect(rows[0]).toEqual(['สถานะ', 'งาน', 'คณะ', 'หน่วยงานหลัก', 'ผู้รับผิดชอบ', 'กำหนดเสร็จ', 'เกินกำหนด', 'ความคืบหน้าล่าสุด', 'วันที่ปรับปรุงล่าสุด']);
		const page = await representativeBoard(db, member.actor, {});
		const titles = Object.values(page.groups)
			.flat()
			.map((r) => r.title);
		expect(rows.slice(1).map((r) => r[1]!.replace(/^'/, ''))).toEqual(titles);
		const inspection = rows.find((r) => r[1] === 'ตรวจสถานบริการในเขตอำเภอ')!;
		expect(inspection[0]).toBe(STATUS_OPEN);
		expect(inspection[5]).toBe('2026-12-20');
		expect(rows.find((r) => r[1]!.includes('HYPERLINK'))![1]).toBe(`'=HYPERLINK("http://evil.example")`);
		const logged = await db
			.selectFrom('audit_event')
			.select(['action', 'detail', 'client_address'])
			.where('actor_id', '=', member.id)
			.where('action', '=', 'export.spreadsheet')
			.execute();
		expect(logged).toHaveLength(1);
		expect(logged[0]!.client_address).toBe('203.0.113.7');
		expect(typeof logged[0]!.detail === 'string' ? JSON.parse(logged[0]!.detail) : logged[0]!.detail).toMatchObject({
			view: 'actions',
			format: 'csv',
			rows: titles.length
		});
	});

	it("give the decision log as XLSX under the page's filters: Thai font, frozen header, dates as dates", async () => {
		const { db, body, member } = await scene();
		const other = await makeBody(db, { roles: ['member'] });
		await followupDecision(db, {
			meetingId: await followupMeeting(db, { bodyId: other.id, startsAt: new Date('2026-11-06T02:00:00Z') }),
			text: 'มติของคณะอื่น',
			lead: other.seats.member!.organisationId
		});
		const file = await exportSpreadsheet(db, member.actor, 'decisions', { body: body.id, q: null, organisation: null, from: null, to: null }, 'xlsx', 'th');
		expect(file.filename).toMatch(/\.xlsx$/);
		const ws = await readXlsx(file.body);
		expect([ws.workbook.creator, ws.workbook.lastModifiedBy, ws.workbook.title]).toEqual(['Concord', 'Concord', 'มติ']);
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(ws.getRow(1).getCell(1).value).toBe('มติ');
		expect(ws.getRow(1).font).toMatchObject({ name: 'TH Sarabun New', bold: true });
		expect(ws.rowCount).toBe(2);
		const row = ws.getRow(2);
		expect(row.getCell(1).value).toBe('ให้ตรวจสถานบริการ, ร้านคาราโอเกะ และ "ร้านอาหาร"');
		expect(row.getCell(3).value).toBeInstanceOf(Date);
		// Bangkok's wall clock: 02:00 UTC is 09:00 in Dok Khamtai.
		expect((row.getCell(3).value as Date).toISOString()).toBe('2026-11-05T09:00:00.000Z');
		expect(row.getCell(3).numFmt).toBe('yyyy-mm-dd hh:mm');
		expect(row.getCell(7).value).toBe(1);
	});

	it('refuse the audit log to anyone but an administrator, and give it to one', async () => {
		const { db, member } = await scene();
		await expect(exportSpreadsheet(db, member.actor, 'audit', {}, 'csv', 'en')).rejects.toBeInstanceOf(AccessDenied);
		const admin = await makeUser(db, { admin: true });
		await exportSpreadsheet(db, member.actor, 'actions', { body: null }, 'xlsx', 'en');
		const file = await exportSpreadsheet(db, admin.actor, 'audit', { action: 'export.', outcome: null, actor: null, from: null, to: null }, 'csv', 'en');
		const rows = parseCsv(new TextDecoder().decode(file.body));
		expect(rows[0]![0]).toBe('Time');
		expect(rows.slice(1).every((r) => r[1] === 'export.spreadsheet')).toBe(true);
		expect(rows.length).toBeGreaterThan(1);
	});

	it("give a body's outstanding follow-ups as the page lists them, refused to a reader outside the body", async () => {
		const { db, body, member } = await scene();
		const secretary = body.seats.secretary!;
		const page = await followupOverview(db, secretary.actor, body.id, { from: '2026-01-01', to: '2026-12-31' });
		const file = await exportSpreadsheet(db, secretary.actor, 'outstanding', { id: body.id, from: '2026-01-01', to: '2026-12-31' }, 'xlsx', 'th');
		const ws = await readXlsx(file.body);
		expect(ws.getRow(1).getCell(1).value).toBe('งาน');
		const titles: string[] = [];
		ws.eachRow((row, n) => {
			if (n > 1) titles.push(String(row.getCell(1).value).replace(/^'/, ''));
		});
		expect(titles).toEqual(page!.items.map((i) => i.title));
		const due = ws.getRow(1 + page!.items.findIndex((i) => i.due_on === '2026-12-20') + 1).getCell(4);
		expect(due.value).toBeInstanceOf(Date);
		expect((due.value as Date).toISOString().slice(0, 10)).toBe('2026-12-20');
		const outsider = await makeUser(db);
		await expect(exportSpreadsheet(db, outsider.actor, 'outstanding', { id: body.id }, 'csv', 'th')).rejects.toBeInstanceOf(AccessDenied);
		await expect(exportSpreadsheet(db, member.actor, 'outstanding', { id: 'not-a-uuid' }, 'csv', 'th')).rejects.toBeInstanceOf(AccessDenied);
	});

	it("give an outcome report's figures suppressed exactly as the report shows them", async () => {
		const { db } = use();
		const parent = await makeBody(db, { roles: ['chair'] });
		const district = await makeBody(db, { parentId: parent.id, roles: ['chair', 'secretary'] });
		const lead = district.seats.chair!.organisationId;
		for (let i = 0; i < 2; i++)
			await followupAction(db, { bodyId: district.id, organisationId: lead, createdAt: new Date('2026-05-02T03:00:00Z'), dueOn: '2026-05-30' });
		const prepared = await prepareReport(db, district.seats.secretary!.actor, district.id, { quarter: '2569-Q2' });
		if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
		const view = await reportView(db, district.seats.secretary!.actor, prepared.id);
		const file = await exportSpreadsheet(db, district.seats.secretary!.actor, 'outcome', { id: prepared.id }, 'csv', 'en');
		const rows = parseCsv(new TextDecoder().decode(file.body));
		expect(rows[0]).toEqual(['Detail', expect.any(String), expect.any(String)]);
		const total = rows.find((r) => r[0] === m.outcome_actions(undefined, { locale: 'en' }) && r[1] === m.outcome_total(undefined, { locale: 'en' }))!;
		expect(total[2]).toBe(String(view.tables.actions.total));
		expect(total[2]).toBe('<5');
		// No count under five leaves as a number.
		for (const r of rows.slice(1)) expect(/^[1-4]$/.test(r[2]!), r.join(' | ')).toBe(false);
		await expect(exportSpreadsheet(db, (await makeUser(db)).actor, 'outcome', { id: prepared.id }, 'csv', 'en')).rejects.toBeInstanceOf(AccessDenied);
	});
});
