import { C3_CONFERENCE, meeting } from './form-action-world';
import { CONTROL, daysFromNow, withForm, withParams, type Scene, type Scenes } from './scene';

/**
 * Meetings of the working group: next month's (planned), last month's (ended,
 * no minutes yet), two months ago (draft minutes with a comment), three months
 * ago (minutes approved); and the ended conference of case c3.
 */

const nextMonth = meeting('dkt-wg:1');
const lastMonth = meeting('dkt-wg:-1');
const drafted = meeting('dkt-wg:-2');
const approved = meeting('dkt-wg:-3');

/** A request on the meeting that is the route's id. */
function onMeeting(id: string, form: Record<string, string>, more: Partial<Scene> = {}): Scene {
	return {
		target: () => id,
		request: ({ target }) => ({ params: { id: target }, form }),
		...more,
		malformed: { 'a malformed meeting id': { answer: 404, change: withParams({ id: 'next-month' }) }, ...more.malformed }
	};
}

/** The same request on the conference of case c3; `allowed` when its state lets the team do it. */
const onConference = (form: Record<string, string>, allowed?: string): Scene => ({
	target: () => C3_CONFERENCE,
	request: ({ target }) => ({ params: { id: target }, form }),
	...(allowed ? { allowed } : {})
});

const edit = { title: 'ประชุมคณะทำงานสหวิชาชีพ (เลื่อน)', date: daysFromNow(40), time: '13:30', place: 'ห้องประชุมอำเภอ', onlineUrl: '' };
const restore = { version: '0b8f7c52-54a1-4c55-9b7e-4f6f2d0f3a21', kind: 'decision', id: '5d7e9a60-2b1f-4e0c-8a43-90c1d6e2b7f4' };
const correction = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'แก้ไขชื่อหน่วยงานผู้รับผิดชอบในมติที่ 1' }] }] });

export const meetingScenes: Scenes = {
	'/meetings/[id=uuid] ?/status': {
		usual: onMeeting(
			nextMonth,
			{ to: 'in_progress' },
			{ allowed: 'cdo', malformed: { 'an unknown status': { answer: 400, change: withForm({ to: 'adjourned' }) } } }
		),
		conference: onConference({ to: 'in_progress' }, 'cdo')
	},
	'/meetings/[id=uuid] ?/lock': {
		usual: onMeeting(nextMonth, { locked: 'true' }, { allowed: 'cdo' }),
		conference: onConference({ locked: 'true' }, 'cdo')
	},
	'/meetings/[id=uuid] ?/edit': {
		usual: onMeeting(nextMonth, edit, {
			allowed: 'cdo',
			malformed: {
				'no title': { answer: 400, change: withForm({ title: '' }) },
				'a control character in the title': { answer: 400, change: withForm({ title: CONTROL }) },
				'a malformed date': { answer: 400, change: withForm({ date: '31/12/2569' }) },
				'a link that is not http': { answer: 400, change: withForm({ onlineUrl: 'javascript:alert(1)' }) }
			}
		}),
		conference: onConference(edit, 'cdo')
	},

	// No version of these meetings was kept yet: access is decided before the version is looked up.
	'/meetings/[id=uuid]/versions ?/restore': {
		usual: onMeeting(nextMonth, restore, {
			by: 'cdo',
			malformed: {
				'a malformed version': { answer: 400, change: withForm({ version: 'v1' }) },
				'an unknown kind of item': { answer: 400, change: withForm({ kind: 'minutes' }) }
			}
		}),
		conference: onConference(restore)
	},

	'/meetings/[id=uuid]/minutes ?/generate': {
		usual: onMeeting(lastMonth, {}, { allowed: 'cdo' }),
		conference: onConference({}, 'cdo')
	},
	'/meetings/[id=uuid]/minutes ?/regenerate': {
		usual: onMeeting(drafted, { confirmed: 'yes' }, { allowed: 'cdo', malformed: { 'not confirmed': { answer: 400, change: withForm({ confirmed: '' }) } } }),
		conference: onConference({ confirmed: 'yes' })
	},
	'/meetings/[id=uuid]/minutes ?/approve': {
		usual: onMeeting(
			drafted,
			{ reason: 'การประชุมครั้งถัดไปเลื่อนออกไปสองเดือน' },
			{
				allowed: 'district-officer',
				malformed: {
					'no reason': { answer: 400, change: withForm({ reason: '' }) },
					'a control character in the reason': { answer: 400, change: withForm({ reason: CONTROL }) }
				}
			}
		),
		conference: onConference({ reason: 'ทีมเห็นชอบ' })
	},
	'/meetings/[id=uuid]/minutes ?/circulate': {
		usual: onMeeting(
			drafted,
			{ days: '7' },
			{
				allowed: 'cdo',
				malformed: {
					'no days': { answer: 400, change: withForm({ days: '' }) },
					'more days than a circulation may run': { answer: 400, change: withForm({ days: '31' }) }
				}
			}
		),
		conference: onConference({ days: '7' })
	},
	// No circulation is open on these meetings: access is decided before the circulation is looked up.
	'/meetings/[id=uuid]/minutes ?/answer': {
		usual: onMeeting(drafted, { confirm: 'true', text: '' }, { by: 'health' }),
		conference: onConference({ confirm: 'true', text: '' })
	},
	'/meetings/[id=uuid]/minutes ?/comment': {
		usual: {
			target: () => drafted,
			request: ({ target, world }) => ({ params: { id: target }, form: { anchor: world.anchor, quote: '', text: 'ขอเพิ่มชื่อโรงเรียนที่เข้าร่วม' } }),
			allowed: 'health',
			malformed: {
				'an anchor that is not a position': { answer: 400, change: withForm({ anchor: '!!not-base64!!' }) },
				'no text': { answer: 400, change: withForm({ text: '' }) },
				'a control character in the text': { answer: 400, change: withForm({ text: CONTROL }) }
			}
		},
		conference: {
			target: () => C3_CONFERENCE,
			request: ({ target, world }) => ({ params: { id: target }, form: { anchor: world.anchor, quote: '', text: 'ความเห็น' } })
		}
	},
	'/meetings/[id=uuid]/minutes ?/resolve': {
		usual: {
			target: () => drafted,
			request: ({ target, world }) => ({ params: { id: target }, form: { comment: world.commentId } }),
			allowed: 'cdo',
			malformed: { 'a malformed comment id': { answer: 404, change: withForm({ comment: '1' }) } }
		},
		conference: { target: () => C3_CONFERENCE, request: ({ target, world }) => ({ params: { id: target }, form: { comment: world.commentId } }) }
	},
	'/meetings/[id=uuid]/minutes ?/correct': {
		usual: onMeeting(
			approved,
			{ reason: 'ชื่อหน่วยงานในมติที่ 1 ผิด', content: correction },
			{
				allowed: 'cdo',
				malformed: {
					'content that is not a document': { answer: 400, change: withForm({ content: '{"type":"script"}' }) },
					'no reason': { answer: 400, change: withForm({ reason: '' }) }
				}
			}
		),
		conference: onConference({ reason: 'แก้ไข', content: correction })
	}
};
