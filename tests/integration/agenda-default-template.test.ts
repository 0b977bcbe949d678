import { expect, it } from 'vitest';
import { saveTemplate } from '../../server/meetings/repository/templates';
import { englishAgendaTitles, getTemplate, WORKING_GROUP_TEMPLATE } from '../../server/meetings/template';
import { agendaTitleIn } from '../../src/lib/agenda-titles';
import { describeEachEngine } from '../support/database';
import { followupMeeting, makeBody } from '../support/factories';

describeEachEngine('the agenda a body starts from', (use) => {
	it('is the Thai government minute format, ระเบียบวาระที่ 1–5, for a body that has not met', async () => {
		const { db } = use();
		const body = await makeBody(db);
		// A first meeting already running does not make the body one that has met.
		await followupMeeting(db, { bodyId: body.id, startsAt: new Date('2026-12-10T02:00:00Z'), status: 'in_progress' });
		const template = await getTemplate(db, body.id);
		expect(template.map((t) => t.title_th)).toEqual([
			'เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ',
			'เรื่องรับรองรายงานการประชุมครั้งที่แล้ว',
			'เรื่องสืบเนื่องจากการประชุมครั้งที่แล้ว',
			'เรื่องเพื่อพิจารณา',
			'เรื่องอื่น ๆ'
		]);
		// The previous minutes are approved under 2, actions followed up under 3, cases and tips come under 4.
		expect(template.map((t) => t.standing)).toEqual([null, 'minutes', 'followup', 'cases', null]);
	});

	it("stays the working-group agenda for a body that has met with it, and a body's own template wins over both", async () => {
		const { db } = use();
		const met = await makeBody(db);
		await followupMeeting(db, { bodyId: met.id, startsAt: new Date('2026-11-05T02:00:00Z'), status: 'ended' });
		expect(await getTemplate(db, met.id)).toEqual(WORKING_GROUP_TEMPLATE);
		const own = [{ title_th: 'ข้อมูลจากอาสาสมัคร', title_en: 'Volunteers', standing: null, minutes: 15 }];
		await saveTemplate(db, met.id, own);
		expect(await getTemplate(db, met.id)).toEqual(own);
	});

	it('has English names for the built-in agendas and the body’s own, and a title changed in the meeting shows as written', async () => {
		const { db } = use();
		const body = await makeBody(db);
		await saveTemplate(db, body.id, [{ title_th: 'ข้อมูลจากอาสาสมัคร', title_en: 'Reports from the volunteers', standing: null, minutes: 15 }]);
		const names = await englishAgendaTitles(db, body.id);
		const en = agendaTitleIn('en', names);
		expect(en('เรื่องรับรองรายงานการประชุมครั้งที่แล้ว')).toBe('Approval of the minutes of the previous meeting');
		expect(en('กรณีใหม่และเบาะแส')).toBe('New cases and tips');
		expect(en('ข้อมูลจากอาสาสมัคร')).toBe('Reports from the volunteers');
		expect(en('เรื่องเพื่อพิจารณา (แก้ไข)')).toBe('เรื่องเพื่อพิจารณา (แก้ไข)');
		// Thai readers see what the minutes say.
		expect(agendaTitleIn('th', names)('กรณีใหม่และเบาะแส')).toBe('กรณีใหม่และเบาะแส');
	});
});
