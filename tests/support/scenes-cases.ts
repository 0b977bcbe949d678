import { body, caseId, DAY, org, referral, user } from './form-action-world';
import { CONTROL, daysFromNow, routeBody, withForm, withParams, type Scene, type Scenes } from './scene';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * Cases, their records, referrals and outcome reports. Case c3's team is the
 * secretary and the hospital; the referral of case c2 waits for the employment
 * office; the shelter works on the referral of case c1; the working group's
 * secretary has drafted its outcome report for the last quarter.
 */

const onCase = (form: Record<string, string>, more: Partial<Scene> = {}): Scene => ({
	target: () => caseId('c3'),
	request: ({ target }) => ({ params: { id: target }, form }),
	allowed: 'cdo',
	...more,
	malformed: { 'a malformed case id': { answer: 404, change: withParams({ id: 'DKT-2569-003' }) }, ...more.malformed }
});

const pdf = () => new File([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], 'หนังสือยินยอม.pdf', { type: 'application/pdf' });

const onReferral = (key: string, text: string, allowed?: string): Scene => ({
	target: () => referral(key),
	request: ({ target }) => ({ params: { id: target }, form: { text } }),
	...(allowed ? { allowed } : { by: 'shelter' }),
	cast: { other_organisation: 'police' },
	malformed: {
		'a malformed referral id': { answer: 404, change: withParams({ id: key }) },
		'a control character in the text': { answer: 400, change: withForm({ text: CONTROL }) }
	}
});

const onDraftReport = (more: Partial<Scene> = {}): Scene => ({
	target: (w) => w.draftReportId,
	request: ({ target }) => ({ params: { id: target } }),
	allowed: 'cdo',
	...more,
	malformed: { 'a malformed report id': { answer: 404, change: withParams({ id: 'Q3' }) } }
});

const newCase = { category: 'labour_trafficking', sex: 'male', ageBand: '15_17', openedOn: '' };
const sent = {
	targetKind: 'org',
	toOrganisationId: org('shelter'),
	reason: 'ต้องการที่พักปลอดภัยระหว่างการสืบสวน',
	urgency: 'routine',
	shared: 'รหัสกรณี ช่วงอายุ เพศ',
	consent: 'given',
	consentNote: ''
};

export const caseScenes: Scenes = {
	'/bodies/[id=uuid]/cases ?/open': {
		usual: {
			target: () => body('dkt-wg'),
			request: ({ target }) => ({ params: { id: target }, form: newCase }),
			allowed: 'cdo',
			malformed: {
				'a malformed body id': { answer: 404, change: withParams({ id: 'dkt-wg' }) },
				'an unknown category': { answer: 400, change: withForm({ category: 'smuggling' }) },
				'an opening date in the future': { answer: 400, change: withForm({ openedOn: daysFromNow(3) }) }
			}
		}
	},
	'/bodies/[id=uuid]/cases/new ?/default': {
		usual: {
			target: (w) => w.intakeReportId,
			request: ({ target, stance }) => ({ params: { id: routeBody(stance) }, form: { ...newCase, intakeReportId: target } }),
			allowed: 'cdo',
			malformed: { 'a malformed intake report id': { answer: 400, change: withForm({ intakeReportId: 'R-1' }) } }
		}
	},

	'/cases/[id=uuid] ?/update': {
		usual: onCase(
			{ status: 'in_care', category: 'high_vulnerability', sex: 'female', ageBand: '6_11' },
			{
				malformed: { 'an unknown status': { answer: 400, change: withForm({ status: 'solved' }) } }
			}
		)
	},
	'/cases/[id=uuid] ?/add': {
		usual: onCase(
			{ userId: user('health') },
			{
				malformed: {
					'a malformed user id': { answer: 400, change: withForm({ userId: 'jintana' }) },
					'someone not seated on the body': { answer: 400, change: withForm({ userId: user('labour') }) }
				}
			}
		)
	},
	'/cases/[id=uuid] ?/remove': {
		usual: onCase({ userId: user('hospital') }, { malformed: { 'a malformed user id': { answer: 400, change: withForm({ userId: 'piyanuch' }) } } })
	},
	'/cases/[id=uuid] ?/need': {
		usual: onCase(
			{ need: 'physical', organisationId: org('dkt-hospital'), status: 'planned', note: 'ตรวจร่างกายและประเมินพัฒนาการ' },
			{
				malformed: {
					'an unknown need': { answer: 400, change: withForm({ need: 'housing' }) },
					'a control character in the note': { answer: 400, change: withForm({ note: CONTROL }) }
				}
			}
		)
	},
	'/cases/[id=uuid] ?/conference': {
		usual: onCase(
			{ date: daysFromNow(7), time: '13:30', place: 'ห้องประชุมโรงพยาบาลดอกคำใต้', onlineUrl: '' },
			{
				malformed: { 'a date in the past': { answer: 400, change: withForm({ date: daysFromNow(-7) }) } }
			}
		)
	},
	// No successor waits for case c3's team: the refusals come before the proposal is looked up.
	'/cases/[id=uuid] ?/successor': {
		usual: {
			target: () => caseId('c3'),
			request: ({ target }) => ({ params: { id: target }, form: { proposal: '6f1c1f4e-3c55-4e43-9d55-0b1d7b0e7a11', answer: 'accept' } })
		}
	},
	'/cases/[id=uuid]/identity ?/save': {
		usual: onCase(
			{ fullName: 'เด็กหญิงนามสมมุติ ทดสอบ', family: 'อาศัยอยู่กับป้า', address: '', dateOfBirth: '', contact: '', notes: '' },
			{
				malformed: {
					'a birth date in the future': { answer: 400, change: withForm({ dateOfBirth: daysFromNow(30) }) },
					'a control character in the name': { answer: 400, change: withForm({ fullName: CONTROL }) }
				}
			}
		)
	},
	'/cases/[id=uuid]/identity ?/upload': {
		usual: {
			...onCase({}),
			request: ({ target }) => ({ params: { id: target }, form: { file: pdf() } }),
			malformed: {
				'a malformed case id': { answer: 404, change: withParams({ id: 'DKT-2569-003' }) },
				'an empty file': { answer: 400, change: withForm({ file: new File([], 'empty.pdf') }) },
				'a file that is no document': { answer: 400, change: withForm({ file: new File(['<script>alert(1)</script>'], 'photo.jpg') }) }
			}
		}
	},

	'/referrals/[id=uuid] ?/accept': { usual: onReferral('c2:labour', '', 'labour') },
	'/referrals/[id=uuid] ?/decline': { usual: onReferral('c2:labour', 'ไม่มีเจ้าหน้าที่ตรวจแรงงานในเดือนนี้', 'labour') },
	// Only an accepted referral starts: the demo's are sent or in progress, so only refusals are shown here.
	'/referrals/[id=uuid] ?/start': { usual: onReferral('c1:shelter', '') },
	'/referrals/[id=uuid] ?/progress': { usual: onReferral('c1:shelter', 'เด็กเริ่มเรียน กศน. แล้ว', 'shelter') },
	'/referrals/[id=uuid] ?/complete': { usual: onReferral('c1:shelter', 'ส่งกลับครอบครัวแล้ว ติดตามเยี่ยมบ้านเดือนละครั้ง', 'shelter') },
	'/referrals/new ?/default': {
		usual: {
			target: () => body('dkt-wg'),
			request: ({ target }) => ({ form: { bodyId: target, fromOrganisationId: org('dkt-health'), ...sent } }),
			allowed: 'health',
			malformed: {
				'no consent and no emergency': { answer: 400, change: withForm({ consent: 'not_given' }) },
				'to the sending organisation itself': { answer: 400, change: withForm({ toOrganisationId: org('dkt-health') }) },
				'a control character in the reason': { answer: 400, change: withForm({ reason: CONTROL }) }
			}
		},
		case: {
			target: () => caseId('c3'),
			request: ({ target }) => ({ form: { caseId: target, fromOrganisationId: org('dkt-cdo'), ...sent } }),
			allowed: 'cdo'
		}
	},

	'/bodies/[id=uuid]/reports ?/prepare': {
		usual: {
			target: () => body('dkt-wg'),
			request: ({ target }) => ({
				params: { id: target },
				form: { mode: 'custom', periodStart: bangkokToday(new Date(Date.now() - 300 * DAY)), periodEnd: bangkokToday(new Date(Date.now() - 200 * DAY)) }
			}),
			allowed: 'cdo',
			malformed: {
				'an end before the start': { answer: 400, change: withForm({ periodStart: daysFromNow(-100), periodEnd: daysFromNow(-200) }) },
				'a malformed quarter': { answer: 400, change: withForm({ mode: 'quarter', quarter: '2569/3' }) }
			}
		}
	},
	'/reports/[id=uuid] ?/submit': { usual: onDraftReport() },
	// Nothing was recorded since the draft was counted: counting again finds the same figures.
	'/reports/[id=uuid] ?/refresh': { usual: onDraftReport({ changesNothing: true }) }
};
