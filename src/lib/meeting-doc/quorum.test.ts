import { describe, expect, it } from 'vitest';
import { quorum, quorumNeeded } from './quorum';

describe('quorum of member organisations', () => {
	it('needs at least half (ไม่น้อยกว่ากึ่งหนึ่ง) of an even membership', () => {
		expect(quorumNeeded('half', 10)).toBe(5);
		expect(quorum('half', 10, 4).met).toBe(false);
		expect(quorum('half', 10, 5).met).toBe(true);
		expect(quorumNeeded('half', 2)).toBe(1);
	});
	it('rounds half up for an odd membership', () => {
		expect(quorumNeeded('half', 19)).toBe(10);
		expect(quorum('half', 19, 9).met).toBe(false);
		expect(quorum('half', 19, 10).met).toBe(true);
		expect(quorumNeeded('half', 1)).toBe(1);
	});
	it('follows a body’s own rule from its terms of reference', () => {
		expect(quorumNeeded('two_thirds', 10)).toBe(7);
		expect(quorumNeeded('two_thirds', 9)).toBe(6);
		expect(quorumNeeded('one_third', 10)).toBe(4);
		expect(quorumNeeded('one_third', 9)).toBe(3);
		expect(quorum('none', 10, 0)).toEqual({ needed: 0, met: true, attending: 0, total: 10 });
	});
});
