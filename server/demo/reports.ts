import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { OutcomeFigures } from '../db/schema-cases';
import { lastFullQuarter, quarterPeriod } from '../outcomes/period';
import { organisations } from './network';
import { demoId } from './seed';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * Demo outcome reports: three districts have submitted their report for the
 * last full quarter to the provincial operation centre. The figures are demo
 * counts stored as raw counts, exactly as a submission stores them, so every
 * reader sees them through the same suppression as real ones.
 */

interface DemoReport {
	body: string;
	submittedBy?: string;
	categories: Partial<Record<string, number>>;
	statuses: Record<'open' | 'in_care' | 'returned_home' | 'closed', number>;
	referrals: Record<'sent' | 'accepted' | 'in_progress' | 'declined' | 'completed', number>;
	actions: [org: string, total: number, closed: number][];
	channels: Partial<Record<string, number>>;
	kinds: Record<'tip' | 'complaint' | 'help_request', number>;
}

const reports: DemoReport[] = [
	{
		body: 'dkt-committee',
		submittedBy: 'ymca',
		categories: { labour_trafficking: 6, sexual_exploitation: 3, high_vulnerability: 7 },
		statuses: { open: 9, in_care: 4, returned_home: 5, closed: 6 },
		referrals: { sent: 1, accepted: 0, in_progress: 3, declined: 1, completed: 7 },
		actions: [
			['dkt-police', 8, 6],
			['dkt-cdo', 5, 5],
			['dkt-hospital', 3, 2],
			['ymca', 6, 4]
		],
		channels: { web: 4, postal_box: 2, telephone: 6, watchdog: 5 },
		kinds: { tip: 9, complaint: 3, help_request: 5 }
	},
	{
		body: 'doc-chiangkham',
		categories: { labour_trafficking: 9, sexual_exploitation: 2, high_vulnerability: 5, other: 1 },
		statuses: { open: 8, in_care: 6, returned_home: 3, closed: 4 },
		referrals: { sent: 0, accepted: 2, in_progress: 2, declined: 0, completed: 11 },
		actions: [
			['prov-police', 6, 5],
			['shelter', 7, 7],
			['pmj', 4, 3]
		],
		channels: { web: 3, telephone: 8, watchdog: 2, walk_in: 1 },
		kinds: { tip: 8, complaint: 2, help_request: 4 }
	},
	{
		body: 'doc-pong',
		categories: { labour_trafficking: 3, high_vulnerability: 6, rights_violation: 5 },
		statuses: { open: 6, in_care: 2, returned_home: 5, closed: 3 },
		referrals: { sent: 1, accepted: 1, in_progress: 0, declined: 2, completed: 4 },
		actions: [
			['prov-labour', 5, 3],
			['shelter', 2, 2]
		],
		channels: { web: 2, telephone: 5, watchdog: 6 },
		kinds: { tip: 6, complaint: 1, help_request: 6 }
	}
];

const CATEGORIES = [
	'sexual_exploitation',
	'labour_trafficking',
	'rape',
	'sexual_assault',
	'sexual_harassment',
	'rights_violation',
	'high_vulnerability',
	'other'
];
const CHANNELS = ['web', 'postal_box', 'telephone', 'watchdog', 'walk_in'];
const all = (keys: string[], counts: Partial<Record<string, number>>) => Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0]));
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

function figures(r: DemoReport): OutcomeFigures {
	const casesByCategory = all(CATEGORIES, r.categories);
	return {
		casesByCategory,
		casesByStatus: r.statuses,
		casesOpened: sum(casesByCategory),
		referralsByStatus: r.referrals,
		referralOutcomes: {
			completed: r.referrals.completed,
			declined: r.referrals.declined,
			pending: r.referrals.sent + r.referrals.accepted + r.referrals.in_progress
		},
		actionsByOrganisation: r.actions.map(([key, total, closed]) => {
			const o = organisations.find((x) => x.key === key)!;
			return { organisationId: demoId('org', key), name_th: o.th, name_en: o.en, total, closed };
		}),
		intakeByChannel: all(CHANNELS, r.channels),
		intakeByKind: r.kinds
	};
}

/** Inserts the demo reports once; returns how many rows it added. */
export async function seedReports(db: Kysely<DB>, now: Date): Promise<number> {
	const period = quarterPeriod(lastFullQuarter(bangkokToday(now)))!;
	const after = (days: number) => new Date(Math.min(now.getTime(), new Date(`${period.end}T10:00:00+07:00`).getTime() + days * 86_400_000));
	let inserted = 0;
	for (const r of reports) {
		const result = await db
			.insertInto('outcome_report')
			.values({
				id: demoId('outcome_report', r.body),
				body_id: demoId('body', r.body),
				parent_body_id: demoId('body', 'poc'),
				period_start: period.start,
				period_end: period.end,
				status: 'submitted',
				figures: JSON.stringify(figures(r)),
				created_by: r.submittedBy ? demoId('user', r.submittedBy) : null,
				created_at: after(5),
				submitted_by: r.submittedBy ? demoId('user', r.submittedBy) : null,
				submitted_at: after(9)
			})
			.onConflict((oc) => oc.doNothing())
			.executeTakeFirst();
		inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
	}
	return inserted;
}
