import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { lowerCaseIds } from '../lib/server/http';
import { check, uuid } from '../../server/validate';
import { match } from './uuid';

const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('the [id=uuid] route parameter', () => {
	it('takes a UUID in lower case or capitals, as the form check does', () => {
		for (const param of [id, id.toUpperCase(), '0F8FAD5B-d9cb-469f-A165-70867728950e']) {
			expect(match(param)).toBe(true);
			expect(check(uuid, param).ok).toBe(true);
		}
	});

	it('refuses near misses, which then reach no route', () => {
		const near = [
			id.slice(1),
			id + '0',
			id.replace('f', 'g'),
			id.replace(/-/g, ''),
			` ${id}`,
			`${id} `,
			'..',
			`${id.slice(0, 8)}/${id.slice(9)}`,
			`${id.slice(0, 8)}%2F${id.slice(9)}`,
			'not-a-uuid',
			''
		];
		for (const param of near) {
			expect(match(param), param).toBe(false);
			expect(check(uuid, param).ok, param).toBe(false);
		}
	});

	it('reaches routes in lower case, as ids are stored', async () => {
		const event = { route: { id: '/cases/[id=uuid]/documents/[docId=uuid]' }, params: { id: id.toUpperCase(), docId: id.toUpperCase() } };
		let seen: Record<string, string> = {};
		await lowerCaseIds({ event: event as unknown as RequestEvent, resolve: async (e) => ((seen = { ...e.params } as Record<string, string>), new Response()) });
		expect(seen).toEqual({ id, docId: id });
	});

	it('leaves parameters without the matcher as they came', async () => {
		const event = { route: { id: '/link/[token]' }, params: { token: id.toUpperCase() } };
		let seen: Record<string, string> = {};
		await lowerCaseIds({ event: event as unknown as RequestEvent, resolve: async (e) => ((seen = { ...e.params } as Record<string, string>), new Response()) });
		expect(seen).toEqual({ token: id.toUpperCase() });
	});
});
