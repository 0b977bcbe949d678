import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../server/db/schema';
import { demoId } from '../../server/demo/seed';
import { BOARD_ORDER } from '../../server/followup/board-pages';
import { issueCalendarToken } from '../../server/followup/calendar';
import { OUTSTANDING_LISTS } from '../../server/followup/outstanding-lists';
import { teamCaseIds } from '../../server/membership/case-team';
import { ENTITIES } from '../../server/network-import/columns';
import { REFERRAL_STATE_FILTERS } from '../../server/referrals/read';
import { engines } from '../support/database';
import { action, buildWorld, caseId, type World } from '../support/form-action-world';
import { caseWords, flat, plantWords, WG, type Kind, type Word } from '../support/case-words';
import type { Caller } from '../support/route-actions';
import { paramNames, read, readRoutes, type ReadRoute, type Reading } from '../support/route-loads';
import { useRouteRuntime } from '../support/route-runtime';

/**
 * A case's words stay with its team. Every page load and GET endpoint of the
 * app, found by walking src/routes (so a page added later is swept too), is
 * read by every active person of the demo network and by nobody signed in,
 * with the ids of every case's work; none may answer with a word of a case the
 * reader is not on the team of: its actions' titles, descriptions and history,
 * its decisions, its conferences' titles and places, its restricted record.
 * The words are redacted where they are read (server/access/redact.ts); this
 * guards every page and export at once.
 */

/**
 * The kinds the sweep must hold a word of. A conference keeps the title it was
 * called with, the case code alone (updateMeeting in server/meetings/service.ts),
 * so its title is gathered should one ever say more, but none does.
 */
const KINDS: Kind[] = ['action title', 'action description', 'action history', 'decision', 'conference place', 'identity', 'need note'];

interface Person {
	name: string;
	caller: Caller;
	/** The cases whose words this person may read: their teams'. */
	sees: Set<string>;
	calendarToken: string;
}

/** One read of the sweep, without its text: what leaked, and what shows it was read. */
interface Outcome {
	who: string;
	route: string;
	at: string;
	status: number;
	kind: Reading['kind'];
	/** Words of cases hidden from the reader that the answer holds. */
	leaked: string[];
	/** Whether the answer names a hidden case by its code: its work was listed, redacted. */
	namesHiddenCase: boolean;
	/** Words of the reader's own cases that the answer holds. */
	ownWords: string[];
	hidesSomething: boolean;
	detail?: string;
}

interface Call {
	params: Record<string, string>;
	query: string;
	/** A decision searched for by its own words: someone off its team must not find it. */
	probe?: { decisionId: string; caseId: string };
}

async function peopleOf(db: Kysely<DB>, world: World): Promise<Person[]> {
	const people: Person[] = [{ name: 'nobody signed in', caller: { user: null, sessionId: null }, sees: new Set(), calendarToken: 'no-such-token' }];
	for (const caller of world.callers.values()) {
		const u = caller.user as NonNullable<Caller['user']> & { username: string; active: boolean };
		if (!u.active) continue;
		const calendarToken = await issueCalendarToken(db, { userId: u.id, isAdmin: u.is_admin });
		people.push({ name: u.username, caller, sees: await teamCaseIds(db, u.id), calendarToken });
	}
	return people;
}

/** The ids a route's parameters take, by the route's first segment: every case's work and, beside it, plain work of the same bodies. */
async function idsOf(db: Kysely<DB>, world: World) {
	const ids = (rows: { id: string }[]) => [...new Set(rows.map((r) => r.id))];
	const caseBodies = ids(await db.selectFrom('case_file').select('body_id as id').execute());
	const caseDecisions = await db.selectFrom('decision').select(['id', 'case_id', 'text']).where('case_id', 'is not', null).execute();
	const documents = await db.selectFrom('case_document').select(['id', 'case_id']).execute();
	return {
		entity: {
			actions: [...ids(await db.selectFrom('action_item').select('id').where('case_id', 'is not', null).execute()), action('a1')],
			decisions: [...caseDecisions.map((d) => d.id), demoId('decision', 'd1')],
			meetings: ids(await db.selectFrom('meeting').select('id').where('body_id', 'in', caseBodies).execute()),
			bodies: caseBodies,
			cases: ids(await db.selectFrom('case_file').select('id').execute()),
			organisations: ids(await db.selectFrom('action_item').select('lead_organisation_id as id').where('case_id', 'is not', null).execute()),
			referrals: ids(await db.selectFrom('referral').select('id').execute()),
			reports: ids(await db.selectFrom('outcome_report').select('id').execute())
		} as Record<string, string[]>,
		// A search term out of each case decision: its longest run of letters.
		searches: caseDecisions.map((d) => ({
			decisionId: d.id,
			caseId: d.case_id!,
			q: d.text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '')
		})),
		documents: (id: string) => documents.filter((d) => d.case_id === id).map((d) => d.id),
		link: world.linkToken,
		intake: world.intakeReportId
	};
}
type Ids = Awaited<ReturnType<typeof idsOf>>;

/** Query strings that change what a route reads; a route not named here is read without one. */
function queriesOf(route: string, ids: Ids): Call[] {
	const q = (...queries: string[]) => queries.map((query) => ({ params: {}, query }));
	const searches = (format: string) => ids.searches.map((s) => ({ params: {}, query: `?${format}q=${encodeURIComponent(s.q)}`, probe: s }));
	switch (route) {
		case '/actions':
			return q('', `?body=${WG}`);
		case '/actions/more':
			return q(...BOARD_ORDER.flatMap((g) => [`?group=${g}`, `?group=${g}&body=${WG}`]));
		case '/decisions':
			return [...q('', `?body=${WG}`), ...searches('')];
		case '/decisions/export':
			return [...q('?format=csv'), ...searches('format=csv&')];
		case '/actions/export':
		case '/admin/audit/export':
		case '/admin/import/template':
		case '/bodies/[id=uuid]/followup/export':
		case '/reports/[id=uuid]/export':
			// xlsx is the same rows in a binary file: csv is read instead.
			return q('?format=csv');
		case '/admin/import/export':
			return q(...ENTITIES.map((s) => `?format=csv&sheet=${s}`));
		case '/bodies/[id=uuid]/followup/more':
			return q(...OUTSTANDING_LISTS.map((l) => `?list=${l}`));
		case '/bodies/[id=uuid]/cases/new':
			return q(`?intake=${ids.intake}`);
		case '/meetings/[id=uuid]/minutes/print':
		case '/meetings/[id=uuid]/minutes/export/[format]':
			return q('', '?version=draft');
		case '/referrals':
			return q(...REFERRAL_STATE_FILTERS.map((s) => `?state=${s}`));
		case '/referrals/new':
			return q('', `?body=${WG}`, ...ids.entity.cases!.map((c) => `?case=${c}`), ...ids.searches.map((s) => `?body=${WG}&decision=${s.decisionId}`));
		default:
			return q('');
	}
}

/** Every read of a route for one person: each value of its parameters, each query. */
function callsOf(r: ReadRoute, ids: Ids, person: Person): Call[] {
	let sets: Record<string, string>[] = [{}];
	const segment = r.route.split('/')[1] ?? '';
	for (const name of paramNames(r.route)) {
		const values = (set: Record<string, string>): string[] => {
			if (name === 'id' && ids.entity[segment]) return ids.entity[segment]!;
			// Case documents are photos, PDF and DOCX only: read when there are any, they answer binary and only their status is weighed.
			if (name === 'docId') return ids.documents(set.id ?? '');
			if (name === 'token' && segment === 'link') return [ids.link];
			if (name === 'token' && segment === 'calendar') return [person.calendarToken];
			// Minutes as Markdown; PDF and DOCX are the same minutes in binary files.
			if (name === 'format') return ['md'];
			throw new Error(`no values for [${name}] of ${r.route}: tell the sweep which ids it takes`);
		};
		sets = sets.flatMap((set) => values(set).map((v) => ({ ...set, [name]: v })));
	}
	return sets.flatMap((params) => queriesOf(r.route, ids).map((c) => ({ ...c, params })));
}

async function sweep(routes: ReadRoute[], ids: Ids, people: Person[], words: Word[], codes: Map<string, string>): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	await Promise.all(
		[0, 1, 2].map(async (lane) => {
			for (const person of people.filter((_, i) => i % 3 === lane)) {
				const own = words.filter((w) => person.sees.has(w.caseId));
				const ownFlat = new Set(own.map((w) => w.flat));
				// A word two cases share is not hidden from a reader on one of their teams.
				const hidden = words.filter((w) => !person.sees.has(w.caseId) && !ownFlat.has(w.flat));
				const hiddenCodes = [...codes].filter(([id]) => !person.sees.has(id)).map(([, code]) => flat(code));
				for (const r of routes)
					for (const call of callsOf(r, ids, person)) {
						const got = await read(r, { params: call.params, query: call.query, caller: person.caller });
						const text = flat(got.text);
						const leaked = hidden.filter((w) => text.includes(w.flat)).map((w) => `${w.kind}: ${w.text}`);
						if (call.probe && !person.sees.has(call.probe.caseId) && got.text.includes(call.probe.decisionId)) leaked.push(`decision found by ${call.query}`);
						// A file of a hidden case cannot be searched for words: that it was sent at all is the leak.
						if (got.kind === 'skipped' && got.status === 200 && call.params.docId && !person.sees.has(call.params.id ?? '')) leaked.push(`a file: ${got.text}`);
						outcomes.push({
							who: person.name,
							route: `${r.kind} ${r.route}`,
							at: `${Object.values(call.params).join(' ')} ${decodeURIComponent(call.query)}`.trim(),
							status: got.status,
							kind: got.kind,
							leaked,
							namesHiddenCase: hiddenCodes.some((c) => text.includes(c)),
							ownWords: own.filter((w) => text.includes(w.flat)).map((w) => w.flat),
							hidesSomething: hidden.length > 0,
							detail: got.kind === 'thrown' ? got.text : undefined
						});
					}
			}
		})
	);
	return outcomes;
}

const answered = (o: Outcome) => o.status === 200 && (o.kind === 'data' || o.kind === 'body');

/** Pages that list case work beside other work: someone off the team must get them, with the case named by its code. */
const LISTING = ['/', '/actions', '/decisions', '/my', '/bodies/[id=uuid]/followup', '/meetings/[id=uuid]', '/actions/[id=uuid]'];

for (const engine of engines) {
	describe(`no page tells a case's words to anyone off its team [${engine}]`, () => {
		const runtime = useRouteRuntime(engine);
		let words: Word[];
		let people: Person[];
		let outcomes: Outcome[];

		beforeAll(async () => {
			const db = runtime().database.db;
			const world = await buildWorld(db);
			await plantWords(db);
			words = await caseWords(db);
			people = await peopleOf(db, world);
			const codes = new Map((await db.selectFrom('case_file').select(['id', 'code']).execute()).map((c) => [c.id, c.code]));
			outcomes = await sweep(readRoutes(), await idsOf(db, world), people, words, codes);
		}, 300_000);

		it('gathers words of every kind from several cases', () => {
			expect(new Set(words.map((w) => w.caseId)).size).toBeGreaterThanOrEqual(3);
			expect(new Set(words.map((w) => w.kind))).toEqual(new Set(KINDS));
			expect(people.filter((p) => p.caller.user).length).toBeGreaterThanOrEqual(20);
			expect(people.some((p) => p.caller.user?.is_admin && p.sees.size === 0)).toBe(true);
		});

		it('answers no one with a word of a case off their team, on any page or endpoint', () => {
			const leaks = outcomes.filter((o) => o.leaked.length);
			for (const o of leaks) expect.soft(o.leaked, `${o.who} reads ${o.route} ${o.at} (${o.status}) and finds ${o.leaked.join(' | ')}`).toEqual([]);
			expect(leaks.length, `${leaks.length} of ${outcomes.length} reads leak`).toBe(0);
		});

		it('reads every route without an unexpected error', () => {
			const thrown = outcomes.filter((o) => o.kind === 'thrown');
			for (const o of thrown) expect.soft(o.detail, `${o.who} reads ${o.route} ${o.at}`).toBeUndefined();
			expect(thrown.length).toBe(0);
		});

		it('reads most of the app as its people would, with data', () => {
			expect(outcomes.length).toBeGreaterThan(3000);
			expect(outcomes.filter(answered).length).toBeGreaterThan(1500);
			// Every load and endpoint answered someone (a route the sweep found no ids for counts as unanswered), bar the few that cannot.
			const routes = readRoutes().map((r) => `${r.kind} ${r.route}`);
			const unread = routes.filter((r) => !outcomes.some((o) => o.route === r && o.status === 200));
			expect(unread.sort()).toEqual(UNREAD);
		});

		it('lists case work to someone off the team on the main pages, named by its code alone', () => {
			for (const route of LISTING) {
				const shown = outcomes.filter((o) => o.route === `page ${route}` && o.hidesSomething && answered(o) && o.namesHiddenCase);
				expect.soft(shown.length, `${route} read by someone off a team, naming its case`).toBeGreaterThan(0);
			}
		});

		it("shows every case's words to its team somewhere, and its action page to the team whole", () => {
			const seen = new Set(outcomes.flatMap((o) => o.ownWords));
			expect(words.filter((w) => !seen.has(w.flat)).map((w) => `${w.kind}: ${w.text}`)).toEqual([]);
			const actionPage = outcomes.find((o) => o.who === 'piyanuch' && o.route === 'page /actions/[id=uuid]' && o.at === action('case:c1:a1'));
			const mine = words.filter((w) => w.caseId === caseId('c1') && w.kind.startsWith('action') && actionPage?.ownWords.includes(w.flat));
			expect(new Set(mine.map((w) => w.kind))).toEqual(new Set(['action title', 'action description', 'action history']));
		});
	});
}

/** Routes that answer no one here: their load only redirects, or they serve a scraper's token (METRICS_TOKEN), not a session. */
const UNREAD = ['endpoint /metrics', 'page /language', 'page /signout'];
