import { describe, expect, it } from 'vitest';
import { formActionsInRoutes } from '../../tests/support/route-modules';
import { formActionKey, formActions } from './form-actions';

describe('the table of form actions and whom they refuse', () => {
	it('has a row for every form action in src/routes, and none for an action that is gone', async () => {
		const inRoutes = (await formActionsInRoutes()).map((a) => formActionKey(a.route, a.action)).sort();
		const inTable = formActions.map((r) => formActionKey(r.route, r.action)).sort();
		expect(inRoutes.length).toBeGreaterThan(60);
		expect(
			inRoutes.filter((k) => !inTable.includes(k)),
			'form actions without a row in server/access/form-actions.ts'
		).toEqual([]);
		expect(
			inTable.filter((k) => !inRoutes.includes(k)),
			'rows for form actions that no longer exist'
		).toEqual([]);
	});

	it('lists each action once and each refusal once', () => {
		const keys = formActions.map((r) => formActionKey(r.route, r.action));
		expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
		for (const r of formActions) {
			const who = r.refuse.map(([stance, , on]) => `${stance}@${on ?? ''}`);
			expect(
				who.filter((k, i) => who.indexOf(k) !== i),
				formActionKey(r.route, r.action)
			).toEqual([]);
		}
	});

	it('refuses the anonymous caller by sending them to sign in, wherever the action is not public', () => {
		for (const r of formActions.filter((x) => x.rule !== 'public')) {
			expect(r.refuse, formActionKey(r.route, r.action)).toContainEqual(['anonymous', 'sign_in']);
		}
	});
});
