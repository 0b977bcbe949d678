import { action, C3_ACTION, C3_CONFERENCE, meeting, org, POND_MEETING, user } from './form-action-world';
import { CONTROL, daysFromNow, withForm, withParams, type Scene, type Scenes } from './scene';

/**
 * Action items: a1 (police, in progress), a4 (school, reported back at last
 * month's meeting), a6 (police, open), all of the working group; and the
 * police-led action of case c3, whose team the police are not on.
 */

const lastMonth = meeting('dkt-wg:-1');
const policeLed = { lead_representative: 'police', other_organisation: 'hospital' } as const;

/** A change on /actions/[id=uuid]: the item is the route's id. */
function onItem(item: string, form: Record<string, string>, more: Partial<Scene> = {}): Scene {
	return {
		target: () => action(item),
		request: ({ target }) => ({ params: { id: target }, form }),
		cast: policeLed,
		...more,
		malformed: { 'a malformed id': { answer: 404, change: withParams({ id: 'a4' }) }, ...more.malformed }
	};
}

/** The same change on the police-led action of case c3. */
function onCaseAction(form: Record<string, string>): Scene {
	return { target: () => C3_ACTION, request: ({ target }) => ({ params: { id: target }, form }) };
}

const text = (t: string) => ({ text: t });
const reportBack = { meetingId: lastMonth, text: 'ตรวจครบ 9 แห่ง พบเด็กอายุต่ำกว่า 18 ปี 1 คน ส่งต่อบ้านพักแล้ว' };

export const followupScenes: Scenes = {
	'/actions ?/progress': {
		usual: {
			target: () => action('a1'),
			request: ({ target }) => ({ form: { id: target, text: 'ตรวจเพิ่มอีก 2 แห่ง' } }),
			allowed: 'police',
			cast: policeLed,
			malformed: {
				'no text': { answer: 400, change: withForm({ text: '' }) },
				'a control character in the text': { answer: 400, change: withForm({ text: CONTROL }) },
				'a malformed id': { answer: 404, change: withForm({ id: 'a1' }) }
			}
		},
		case_action: { target: () => C3_ACTION, request: ({ target }) => ({ form: { id: target, text: 'นัดสอบปากคำแล้ว' } }) }
	},
	'/actions ?/calendar': { usual: { request: () => ({}), allowed: 'hospital' } },
	'/actions ?/calendarOff': { usual: { request: () => ({}), allowed: 'hospital' } },

	'/actions/[id=uuid] ?/start': {
		usual: onItem('a6', text(''), {
			allowed: 'police',
			malformed: { 'a control character in the text': { answer: 400, change: withForm({ text: CONTROL }) } }
		}),
		case_action: onCaseAction(text(''))
	},
	'/actions/[id=uuid] ?/progress': {
		usual: onItem('a1', text('ตรวจเพิ่มอีก 2 แห่ง'), { allowed: 'police', malformed: { 'no text': { answer: 400, change: withForm({ text: '' }) } } }),
		case_action: onCaseAction(text('นัดสอบปากคำแล้ว'))
	},
	'/actions/[id=uuid] ?/done': {
		usual: onItem('a1', text('ตรวจครบแล้ว'), {
			allowed: 'police',
			malformed: { 'a control character in the text': { answer: 400, change: withForm({ text: CONTROL }) } }
		}),
		case_action: onCaseAction(text('สอบปากคำแล้ว'))
	},
	'/actions/[id=uuid] ?/report_back': {
		usual: onItem('a1', reportBack, {
			allowed: 'police',
			malformed: {
				'no text': { answer: 400, change: withForm({ text: '' }) },
				'a malformed meeting': { answer: 400, change: withForm({ meetingId: 'last-month' }) },
				"another body's meeting": { answer: 400, change: withForm({ meetingId: POND_MEETING }) }
			}
		}),
		case_action: onCaseAction({ meetingId: C3_CONFERENCE, text: 'สอบปากคำผู้ปกครองแล้ว' })
	},
	'/actions/[id=uuid] ?/accept': {
		usual: onItem(
			'a4',
			{ meetingId: lastMonth, text: '' },
			{
				allowed: 'district-officer',
				cast: { lead_representative: 'school1', other_organisation: 'health' },
				malformed: {
					'no meeting': { answer: 400, change: withForm({ meetingId: '' }) },
					"another body's meeting": { answer: 400, change: withForm({ meetingId: POND_MEETING }) }
				}
			}
		)
	},
	'/actions/[id=uuid] ?/carry_over': {
		usual: onItem(
			'a1',
			{ meetingId: '', dueOn: daysFromNow(30), reason: 'รอผลการตรวจจากจังหวัด' },
			{
				allowed: 'district-officer',
				malformed: {
					'a malformed date': { answer: 400, change: withForm({ dueOn: 'next month' }) },
					'a date in the past': { answer: 400, change: withForm({ dueOn: daysFromNow(-3) }) },
					'no reason': { answer: 400, change: withForm({ reason: '' }) }
				}
			}
		)
	},
	'/actions/[id=uuid] ?/reassign': {
		usual: onItem(
			'a6',
			{ organisationId: org('dkt-office'), assigneeId: user('district-officer'), reason: 'ฝ่ายปกครองรับไปดำเนินการ' },
			{
				allowed: 'cdo',
				malformed: {
					'an assignee not seated for the organisation': { answer: 400, change: withForm({ assigneeId: user('labour') }) },
					'a malformed organisation': { answer: 400, change: withForm({ organisationId: 'district office' }) },
					'a control character in the reason': { answer: 400, change: withForm({ reason: CONTROL }) }
				}
			}
		),
		case_action: onCaseAction({ organisationId: org('dkt-hospital'), assigneeId: user('hospital'), reason: 'โรงพยาบาลรับไปดำเนินการ' })
	},
	'/actions/[id=uuid] ?/drop': {
		usual: onItem(
			'a6',
			{ meetingId: '', reason: 'ซ้ำกับการตรวจสอบสถานบริการ' },
			{
				allowed: 'district-officer',
				malformed: { 'no reason': { answer: 400, change: withForm({ reason: '' }) } }
			}
		)
	},

	// The chair's decision on a report-back typed in the meeting: the action item goes in the form.
	'/meetings/[id=uuid] ?/accept': {
		usual: {
			target: () => action('a4'),
			request: ({ target, stance }) => ({
				params: { id: stance === 'swapped_id' ? POND_MEETING : lastMonth },
				form: { action: target, text: 'อบรมครบ 6 โรงเรียนแล้ว' }
			}),
			allowed: 'district-officer',
			cast: { lead_representative: 'school1', other_organisation: 'health' },
			malformed: {
				'a malformed meeting id': { answer: 404, change: withParams({ id: 'last-month' }) },
				'a control character in the report-back': { answer: 400, change: withForm({ text: CONTROL }) }
			}
		},
		conference: {
			target: () => C3_CONFERENCE,
			request: ({ target }) => ({ params: { id: target }, form: { action: C3_ACTION, text: 'สอบปากคำผู้ปกครองแล้ว' } }),
			allowed: 'cdo'
		}
	},
	'/meetings/[id=uuid] ?/carry': {
		usual: {
			target: () => action('a1'),
			request: ({ target, stance }) => ({
				params: { id: stance === 'swapped_id' ? POND_MEETING : lastMonth },
				form: { action: target, text: '', dueOn: daysFromNow(30), reason: 'รอผลการตรวจจากจังหวัด' }
			}),
			allowed: 'district-officer',
			cast: policeLed,
			malformed: { 'a date in the past': { answer: 400, change: withForm({ dueOn: daysFromNow(-3) }) } }
		},
		conference: {
			target: () => C3_CONFERENCE,
			request: ({ target }) => ({ params: { id: target }, form: { action: C3_ACTION, text: '', dueOn: daysFromNow(30), reason: 'รอผู้ปกครองกลับจากต่างจังหวัด' } }),
			allowed: 'cdo'
		}
	}
};
