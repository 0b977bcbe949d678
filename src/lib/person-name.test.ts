import { describe, expect, it } from 'vitest';
import { formalName, nameWithPosition, positionNames } from './person-name';

describe('a formal name', () => {
	it('writes a Thai title or rank straight before the name, and a Latin one after a space', () => {
		expect(formalName('นาย', 'วิชัย ศรีสุข')).toBe('นายวิชัย ศรีสุข');
		expect(formalName('นางสาว', 'สุภาวดี แก้วมณี')).toBe('นางสาวสุภาวดี แก้วมณี');
		expect(formalName('ร.ต.อ.', 'สมชาย บุญมา')).toBe('ร.ต.อ.สมชาย บุญมา');
		expect(formalName('Ms', 'Emma Lindqvist')).toBe('Ms Emma Lindqvist');
	});

	it('keeps a name already typed with its title, and a name without a title as it is', () => {
		expect(formalName('ร.ต.อ.', 'ร.ต.อ.สมชาย บุญมา')).toBe('ร.ต.อ.สมชาย บุญมา');
		expect(formalName('', ' วิชัย ศรีสุข ')).toBe('วิชัย ศรีสุข');
		expect(formalName(null, 'วิชัย ศรีสุข')).toBe('วิชัย ศรีสุข');
	});

	it('follows the name with the position only when there is one', () => {
		expect(nameWithPosition('นายวิชัย ศรีสุข', 'ปลัดอำเภอ', ' ')).toBe('นายวิชัย ศรีสุข ปลัดอำเภอ');
		expect(nameWithPosition('นายวิชัย ศรีสุข', '  ', ' ')).toBe('นายวิชัย ศรีสุข');
	});
});

describe('a position that names its organisation', () => {
	it('is found by the full name anywhere in the position', () => {
		expect(positionNames('ผู้อำนวยการโรงเรียนดอกคำใต้วิทยา', 'โรงเรียนดอกคำใต้วิทยา', 'ร.ร.ดอกคำใต้วิทยา')).toBe(true);
		expect(positionNames('Director, Dok Khamtai Wittaya School', 'Dok Khamtai Wittaya School', 'ร.ร.ดอกคำใต้วิทยา')).toBe(true);
	});

	it('is found by the short name only as a word of its own', () => {
		expect(positionNames('ผกก.สภ.ดอกคำใต้', 'สถานีตำรวจภูธรดอกคำใต้', 'สภ.ดอกคำใต้')).toBe(true);
		expect(positionNames('ผู้กำกับการ สภ.ดอกคำใต้', 'สถานีตำรวจภูธรดอกคำใต้', 'สภ.ดอกคำใต้')).toBe(true);
		expect(positionNames('ผู้บังคับหมู่ (สภ.ดอกคำใต้)', 'สถานีตำรวจภูธรดอกคำใต้', 'สภ.ดอกคำใต้')).toBe(true);
		expect(positionNames('สภ.ดอกคำใต้', 'สถานีตำรวจภูธรดอกคำใต้', 'สภ.ดอกคำใต้')).toBe(true);
		// Another office's short name that ends in this one's.
		expect(positionNames('สาธารณสุขอำเภอ สสอ.ดอกคำใต้', 'ที่ว่าการอำเภอดอกคำใต้', 'อ.ดอกคำใต้')).toBe(false);
		expect(positionNames('Officer, the NYMCA', 'YMCA Phayao', 'YMCA')).toBe(false);
		expect(positionNames('สาธารณสุขอำเภอ สสอ.ดอกคำใต้ อ.ดอกคำใต้', 'ที่ว่าการอำเภอดอกคำใต้', 'อ.ดอกคำใต้')).toBe(true);
	});

	it('is not found in a missing, blank or unrelated position', () => {
		expect(positionNames(null, 'โรงพยาบาลดอกคำใต้', 'รพ.ดอกคำใต้')).toBe(false);
		expect(positionNames('  ', 'โรงพยาบาลดอกคำใต้', 'รพ.ดอกคำใต้')).toBe(false);
		expect(positionNames('ปลัดอำเภอ', 'ที่ว่าการอำเภอดอกคำใต้', 'อ.ดอกคำใต้')).toBe(false);
		expect(positionNames('นายแพทย์ชำนาญการ', 'โรงพยาบาลดอกคำใต้', '')).toBe(false);
		expect(positionNames('นายแพทย์ชำนาญการ', '', null)).toBe(false);
	});
});
