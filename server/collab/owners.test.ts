import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveDocument } from './document';
import { applyClaims, encodeClaims, newClaims } from './owners';

const live = () => new LiveDocument('meeting:x', new Y.Doc(), []);

describe('who writes under which client id, between instances', () => {
	it('tells each claim once, and the other instance takes it', () => {
		const here = live();
		here.clientOwners.set(101, 'user-a');
		here.clientOwners.set(202, 'user-b');
		const first = newClaims(here);
		expect(first).toEqual([
			[101, 'user-a'],
			[202, 'user-b']
		]);
		expect(newClaims(here)).toEqual([]);
		here.clientOwners.set(303, 'user-c');
		expect(newClaims(here)).toEqual([[303, 'user-c']]);

		const there = live();
		applyClaims(there, encodeClaims(first));
		expect([...there.clientOwners]).toEqual(first);
		// What it heard is not told again from there; its own next claim is.
		expect(newClaims(there)).toEqual([]);
		there.clientOwners.set(404, 'user-d');
		expect(newClaims(there)).toEqual([[404, 'user-d']]);
		expect(newClaims(there)).toEqual([]);
	});

	it('keeps an id with whoever claimed it first where the claim arrives', () => {
		const there = live();
		there.clientOwners.set(101, 'user-local');
		applyClaims(there, encodeClaims([[101, 'user-remote']]));
		expect(there.clientOwners.get(101)).toBe('user-local');
	});

	it('throws on a payload cut short, taking nothing after the cut', () => {
		const there = live();
		const whole = encodeClaims([
			[1, 'a'],
			[2, 'b']
		]);
		expect(() => applyClaims(there, whole.slice(0, whole.length - 1))).toThrow();
		expect(there.clientOwners.get(2)).toBeUndefined();
	});
});
