import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { formActionKey, formActions, type Answer as Expected, type Stance } from '../../server/access/form-actions';
import { engines } from '../support/database';
import { describeChanges, FormActionHarness } from '../support/form-action-harness';
import { buildWorld } from '../support/form-action-world';
import { withoutIds, type Answer } from '../support/route-actions';
import { useRouteRuntime } from '../support/route-runtime';
import { usualCast, type Scene, type Scenes, type Who } from '../support/scene';
import { caseScenes } from '../support/scenes-cases';
import { followupScenes } from '../support/scenes-followup';
import { meetingScenes } from '../support/scenes-meetings';
import { networkScenes } from '../support/scenes-network';
import { notificationScenes } from '../support/scenes-notifications';

/**
 * Every form action of the app (server/access/form-actions.ts), called on the
 * demo network by each person it must refuse, with ids of other bodies, cases
 * and organisations, and with malformed input: the answer is the refusal the
 * table names, and not one row changes. A 404 must also be the very answer an
 * unknown id gets, or the refusal tells that the thing exists.
 */

const scenes: Scenes = { ...networkScenes, ...followupScenes, ...meetingScenes, ...caseScenes, ...notificationScenes };

const castOf = (scene: Scene, stance: Stance): Who => (scene.cast && stance in scene.cast ? scene.cast[stance]! : usualCast[stance]) ?? null;

function expectRefusal(answer: Answer, expected: Expected) {
	if (expected === 'sign_in') {
		expect.soft(answer, 'a redirect to sign in').toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin\?redirectTo=/) });
	} else if (expected === 'refused') {
		expect.soft([400, 403, 404], JSON.stringify(answer)).toContain(answer.status);
	} else if (expected !== 'as_unknown') {
		expect.soft(answer.status, JSON.stringify(answer)).toBe(expected);
	}
}

const succeeded = (a: Answer) => a.status === 200 || (a.status >= 300 && a.status < 400 && 'location' in a && !a.location.startsWith('/signin?redirectTo='));

for (const engine of engines) {
	describe(`form actions refuse whom they must [${engine}]`, () => {
		const runtime = useRouteRuntime(engine);
		let h: FormActionHarness;
		beforeAll(async () => {
			h = new FormActionHarness(runtime, await buildWorld(runtime().database.db));
			await h.keep();
		}, 180_000);

		for (const row of formActions) {
			const key = formActionKey(row.route, row.action);
			const variants = scenes[key] ?? {};
			describe(key, () => {
				for (const [stance, expected, on] of row.refuse) {
					it(`refuses ${stance.replace(/_/g, ' ')}${on ? ` on a ${on.replace(/_/g, ' ')}` : ''} with ${expected}`, async () => {
						const scene = variants[on ?? 'usual'];
						if (!scene) throw new Error(`no scene for ${key} ${on ?? ''} in tests/support/scenes-*.ts`);
						const who = castOf(scene, stance);
						const target = (scene.targets?.[stance] ?? scene.target)?.(h.world) ?? '';
						const refused = await h.call(row.route, row.action, scene.request({ world: h.world, target, who, stance }), who);
						expect.soft(describeChanges(refused.changes), `rows changed by a refused request (answered ${JSON.stringify(refused.answer)})`).toEqual([]);
						expectRefusal(refused.answer, expected);
						if (expected === 404 || expected === 'as_unknown') {
							const unknown = randomUUID();
							const other = await h.call(row.route, row.action, scene.request({ world: h.world, target: unknown, who, stance }), who);
							expect.soft(describeChanges(other.changes), 'rows changed by a request for an unknown id').toEqual([]);
							const [seen, unseen] = [withoutIds(refused.answer, [target]), withoutIds(other.answer, [unknown])];
							expect.soft(seen, `refused ${JSON.stringify(seen)}, unknown id ${JSON.stringify(unseen)}`).toEqual(unseen);
						}
					});
				}

				const usual = variants.usual;
				for (const [variant, scene] of Object.entries(variants)) {
					if (scene.allowed === undefined) continue;
					it(`takes the same request from ${scene.allowed ?? 'anyone'}${variant === 'usual' ? '' : ` on a ${variant.replace(/_/g, ' ')}`}`, async () => {
						const target = scene.target?.(h.world) ?? '';
						const done = await h.call(row.route, row.action, scene.request({ world: h.world, target, who: scene.allowed! }), scene.allowed!);
						expect(succeeded(done.answer), JSON.stringify(done.answer)).toBe(true);
						// Seen changing rows, the same check sees a refusal change none.
						if (!scene.changesNothing) expect(done.changes.length, 'rows changed by the allowed request').toBeGreaterThan(0);
					});
				}

				for (const [name, m] of Object.entries(usual?.malformed ?? {})) {
					it(`answers ${m.answer} to ${name}, changing nothing`, async () => {
						const scene = usual!;
						const who = scene.allowed !== undefined ? scene.allowed : (scene.by ?? null);
						const target = scene.target?.(h.world) ?? '';
						const got = await h.call(row.route, row.action, m.change(scene.request({ world: h.world, target, who })), who);
						expect.soft(describeChanges(got.changes), 'rows changed by a malformed request').toEqual([]);
						expect.soft(got.answer.status, JSON.stringify(got.answer)).toBe(m.answer);
					});
				}
			});
		}
	});
}
