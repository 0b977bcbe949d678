import { describe, expect, it } from 'vitest';
import { formalName, nameWithPosition } from './person-name';

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
