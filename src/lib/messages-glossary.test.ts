import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The glossary (docs/glossary.md) retires words that clash in a multi-agency setting;
// these checks keep them from coming back into the message files.
const load = (lang: string): Record<string, string> => {
	const { $schema: _, ...messages } = JSON.parse(readFileSync(new URL(`../../messages/${lang}.json`, import.meta.url), 'utf8'));
	return messages;
};
const th = load('th');
const en = load('en');

/** Keys whose text breaks a rule: `(key, text) => true` means retired wording. */
function offending(messages: Record<string, string>, breaks: (key: string, text: string) => boolean): string[] {
	return Object.entries(messages)
		.filter(([key, text]) => breaks(key, text))
		.map(([key, text]) => `${key}: ${text}`);
}

const RETIRED_TH: [string, RegExp][] = [
	['hand-over said as a referral', /ส่งต่องาน|บันทึกส่งต่อ|ส่งต่อพร้อมตำแหน่ง|รับช่วง|ผู้สืบทอด/],
	['membership said as a seat', /นั่ง/],
	['representative', /ตัวแทน/],
	['action item', /งานติดตาม|งานที่ติดตาม|งานที่ต้องทำ|งานค้าง/],
	['report-back', /รายงานที่ประชุม|รายงานผลในที่ประชุม|รายงานผลกลับ/],
	['accepting a report-back', /ตรวจรับ/],
	['carry over', /ยกไปติดตาม|ยกไปครั้งหน้า/],
	['agenda item', /(?<!ระเบียบ)วาระที่/],
	['case team', /ทีมดูแลกรณี/],
	['case conference', /ประชุมรายกรณี|ประชุมกรณี/],
	['case', /แฟ้มกรณี/],
	['tip from the public', /เรื่องแจ้ง|เรื่องที่รับแจ้ง|เรื่องที่แจ้ง|การแจ้งเหตุ/],
	['people in cases', /ผู้เสียหาย|กลุ่มเสี่ยง|กลุ่มเปราะบาง|ถูกละเมิด/],
	['audit actor (reads as "offender")', /ผู้กระทำ/],
	['identifying record (ลับ is a security grade)', /ข้อมูลลับ/],
	['online meeting', /ประชุมออนไลน์/],
	['quorum', /เกินกึ่งหนึ่ง/],
	['translationese', /ทุกการ|แบบสด|พื้นที่ประชุม|ครั้งประชุม/],
	['polite request (โปรด throughout)', /กรุณา/],
	['due date (an action is done, not handed in)', /กำหนดส่ง/],
	['minutes attendance (alternates under ผู้มาประชุม, one ผู้ไม่มาประชุม heading)', /ผู้มาประชุมแทน|ผู้ไม่มาประชุม \(|มาแทน:/]
];

describe('Thai messages follow the glossary', () => {
	it.each(RETIRED_TH)('has no retired variant for %s', (_, pattern) => {
		expect(offending(th, (_, text) => pattern.test(text))).toEqual([]);
	});

	it('writes เมื่อวันที่ before a date in the minutes, as formal Thai does', () => {
		expect(offending(th, (key, text) => key.startsWith('minutes_doc_') && text.includes('เมื่อ {date}'))).toEqual([]);
	});

	it('says รับรอง only for approving minutes', () => {
		expect(offending(th, (key, text) => text.includes('รับรอง') && !key.startsWith('minutes_') && !text.includes('รายงานการประชุม'))).toEqual([]);
	});

	it('says ส่งต่อ only for referrals, never for a hand-over', () => {
		const handOver = /handover|handed|successor|predecessor|case_proposal|import_end|import_missing|import_no_successor|^error_self$/;
		expect(offending(th, (key, text) => handOver.test(key) && text.includes('ส่งต่อ'))).toEqual([]);
	});

	it('calls a body คณะ, not หน่วยงาน, in outcome reports', () => {
		const bodyKeys = ['outcome_body', 'outcome_chart_title', 'outcome_from_children', 'outcome_rollup_none', 'outcome_err_no_parent'];
		expect(offending(th, (key, text) => bodyKeys.includes(key) && text.includes('หน่วยงาน'))).toEqual([]);
	});

	it('keeps รายงานผลการดำเนินงาน for the periodic outcome report', () => {
		expect(offending(th, (key, text) => text.includes('รายงานผลการดำเนินงาน') && !/^(outcome_|body_report)/.test(key))).toEqual([]);
	});

	it('labels each case category and status the same on case pages and in statistics', () => {
		const pairs = Object.keys(th)
			.filter((key) => key.startsWith('outcome_cat_'))
			.map((key) => [key, key.replace('outcome_cat_', 'case_category_')] as const)
			.filter(([, caseKey]) => caseKey in th);
		pairs.push(['outcome_cs_returned_home', 'case_status_returned_home'], ['outcome_ref_accepted', 'referral_status_accepted']);
		expect(pairs.length).toBeGreaterThan(5);
		for (const [outcome, onCase] of pairs) {
			expect([outcome, th[outcome]]).toEqual([outcome, th[onCase]]);
			expect([outcome, en[outcome]]).toEqual([outcome, en[onCase]]);
		}
	});
});

describe('English messages', () => {
	it('carry no Thai, except the name of the Thai language', () => {
		expect(offending(en, (key, text) => key !== 'lang_th' && /[\u0E00-\u0E7F]/.test(text))).toEqual([]);
	});

	it('use one word for the assignee and "Checked by" for the minute checker', () => {
		const assignee = ['actions_field_assignee', 'action_assignee', 'minutes_doc_representative', 'minutes_doc_col_representative'];
		expect(offending(en, (key, text) => assignee.includes(key) && !text.includes('Assignee'))).toEqual([]);
		expect(en.minutes_doc_approver).toBe('Checked by');
		expect(en.status_open).toBe('Not started');
	});
});
