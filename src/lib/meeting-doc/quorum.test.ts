import { describe, expect, it } from 'vitest';
import { quorum, quorumNeeded } from './quorum';

describe('quorum of member organisations', () => {
	it('needs more than half for "half"', () => {
		expect(quorumNeeded('half', 19)).toBe(10);
		expect(quorumNeeded('half', 10)).toBe(6);
		expect(quorum('half', 10, 5).met).toBe(false);
		expect(quorum('half', 10, 6).met).toBe(true);
	});
	it('rounds two thirds and one third up', () => {
		expect(quorumNeeded('two_thirds', 10)).toBe(7);
		expect(quorumNeeded('one_third', 10)).toBe(4);
	});
	it('is always met without a rule', () => {
		expect(quorum('none', 10, 0)).toEqual({ needed: 0, met: true, attending: 0, total: 10 });
	});
});
