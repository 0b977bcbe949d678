import type { Kysely } from 'kysely';
import type { DB, Locale } from '../db/schema';
import type { SubjectType } from '../db/schema-notifications';
import { formatDate, formatDateTime } from '../../src/lib/format';
import { actionSubjects, caseCodes, intakeSubjects, meetingSubjects, referralSubjects } from './repository/subjects';
import { fill, WORDS } from './templates';

/**
 * What a notification is about, in words a reader may see. In mail (`viewer`
 * null) a case's work is only ever its code; in the app the case team sees
 * its own items whole, as on every board. A referral's reason and what it
 * shares, an intake report's message and contact never appear at all.
 */

export interface Subject {
	title: string;
	/** Path inside Concord. */
	path: string;
	/** A date worth saying with it: a due date, a meeting's time. */
	date: string | null;
	/** Raw values the meeting mail and invitation need. */
	meeting?: { id: string; startsAt: Date; endsAt: Date | null; place: string | null; status: string; bodyId: string; caseHidden: boolean };
}

type Ref = { subject_type: SubjectType; subject_id: string };
export const refKey = (r: Ref) => `${r.subject_type}:${r.subject_id}`;

const ids = (refs: Ref[], ...types: SubjectType[]) => [...new Set(refs.filter((r) => types.includes(r.subject_type)).map((r) => r.subject_id))];

export async function describe(db: Kysely<DB>, refs: Ref[], locale: Locale, viewer: string | null): Promise<Map<string, Subject>> {
	const out = new Map<string, Subject>();
	const w = WORDS[locale];
	const orgName = (r: { th: string | null; en: string | null }) => (locale === 'en' ? r.en || r.th : r.th) ?? '';
	const codes = async (caseIds: (string | null)[]) => {
		const wanted = [...new Set(caseIds.filter((c): c is string => !!c))];
		if (!wanted.length) return new Map<string, string>();
		const rows = await caseCodes(db, wanted);
		return new Map(rows.map((r) => [r.id, r.code]));
	};

	const actionIds = ids(refs, 'action');
	if (actionIds.length) {
		for (const r of await actionSubjects(db, viewer, locale, actionIds)) {
			out.set(refKey({ subject_type: 'action', subject_id: r.id }), {
				title: r.title,
				path: `/actions/${r.id}`,
				date: r.due_on ? formatDate(r.due_on, locale) : null
			});
		}
	}

	const meetingIds = ids(refs, 'meeting', 'minutes');
	if (meetingIds.length) {
		for (const r of await meetingSubjects(db, viewer, locale, meetingIds)) {
			const title = r.title;
			const meeting = {
				id: r.id,
				startsAt: r.starts_at,
				endsAt: r.ends_at,
				place: r.place,
				status: r.status,
				bodyId: r.body_id,
				caseHidden: !!r.caseCode
			};
			out.set(refKey({ subject_type: 'meeting', subject_id: r.id }), { title, path: `/meetings/${r.id}`, date: formatDateTime(r.starts_at, locale), meeting });
			out.set(refKey({ subject_type: 'minutes', subject_id: r.id }), { title, path: `/meetings/${r.id}/minutes`, date: formatDate(r.starts_at, locale) });
		}
	}

	const referralIds = ids(refs, 'referral');
	if (referralIds.length) {
		const rows = await referralSubjects(db, referralIds);
		const code = await codes(rows.map((r) => r.case_id));
		for (const r of rows) {
			const v = { from: orgName({ th: r.fth, en: r.fen }), to: orgName({ th: r.tth ?? r.bth, en: r.ten ?? r.ben }), code: code.get(r.case_id ?? '') ?? '' };
			out.set(refKey({ subject_type: 'referral', subject_id: r.id }), {
				title: fill(r.case_id ? w.caseReferral : w.referral, v),
				path: `/referrals/${r.id}`,
				date: null
			});
		}
	}

	const intakeIds = ids(refs, 'intake');
	if (intakeIds.length) {
		const rows = await intakeSubjects(db, intakeIds);
		for (const r of rows) {
			out.set(refKey({ subject_type: 'intake', subject_id: r.id }), {
				title: `${w.intakeKind[r.kind] ?? r.kind} ${r.reference}`,
				path: `/bodies/${r.body_id}/intake`,
				date: formatDateTime(r.created_at, locale)
			});
		}
	}
	return out;
}
