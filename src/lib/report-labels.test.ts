import { describe, expect, it } from 'vitest';
import { quarterLabel } from './report-labels';

describe('quarter labels', () => {
	it('name fiscal quarters by the fiscal year, with their months in the Buddhist era', () => {
		expect(quarterLabel('FY2570-Q1', 'th')).toBe('ไตรมาสที่ 1 ปีงบประมาณ 2570 (ต.ค.–ธ.ค. 2569)');
		expect(quarterLabel('FY2570-Q2', 'th')).toBe('ไตรมาสที่ 2 ปีงบประมาณ 2570 (ม.ค.–มี.ค. 2570)');
		expect(quarterLabel('FY2569-Q4', 'th')).toBe('ไตรมาสที่ 4 ปีงบประมาณ 2569 (ก.ค.–ก.ย. 2569)');
		expect(quarterLabel('FY2570-Q1', 'en')).toBe('Q1 of fiscal year 2027 (Oct–Dec 2026)');
	});

	it('name calendar quarters by the year, with their months', () => {
		expect(quarterLabel('2569-Q1', 'th')).toBe('ไตรมาสที่ 1/2569 (ม.ค.–มี.ค. 2569)');
		expect(quarterLabel('2569-Q4', 'en')).toBe('Q4 2026 (Oct–Dec 2026)');
	});
});
