import { DEMO_PASSWORD } from '../../server/demo/network';
import { issueFormToken } from '../../server/intake/form-token';
import { demoId } from '../../server/demo/seed';
import { body, membership, org, user } from './form-action-world';
import { CONTROL, daysFromNow, routeBody, withForm, withParams, type Scene, type Scenes } from './scene';

/**
 * Accounts, administration, the bodies' own pages and the public forms. The
 * seat handed over or ended is the health office's on the working group (on
 * no case team); the seat an administrator would take for himself is the
 * secretary's, who is on every case team.
 */

const NEW_PASSWORD = 'ขอบฟ้า-ดอกคำใต้-2569';
const admins = { officer: 'district-officer', member: 'health' } as const;

/** A request to the working group's own page (the body is the route's id). */
const onBody = (form: Record<string, string | string[]>, more: Partial<Scene> = {}): Scene => ({
	target: () => body('dkt-wg'),
	request: ({ target }) => ({ params: { id: target }, form }),
	allowed: 'cdo',
	...more,
	malformed: { 'a malformed body id': { answer: 404, change: withParams({ id: 'dkt-wg' }) }, ...more.malformed }
});

/** A seat of the working group, posted through the page of the caller's own body. */
const onSeat = (form: Record<string, string>, more: Partial<Scene> = {}): Scene => ({
	target: () => membership('dkt-wg', 'health', 'dkt-health'),
	request: ({ target, stance }) => ({ params: { id: routeBody(stance) }, form: { membership: target, ...form } }),
	allowed: 'cdo',
	...more
});

const importCsv = 'ชื่อผู้ใช้,ชื่อ-นามสกุล,หน่วยงาน,คณะ,บทบาท\nsomsri.k,สมศรี คำมา,อาสาสมัครเฝ้าระวังดอกคำใต้,เครือข่ายอาสาสมัครเฝ้าระวังอำเภอดอกคำใต้,อาสาสมัคร\n';
const organisation = {
	nameTh: 'มูลนิธิทดสอบ',
	nameEn: 'Test Foundation',
	shortName: 'มทส.',
	sector: 'ngo',
	level: 'district',
	areaId: '',
	phone: '',
	email: '',
	address: ''
};
const publicReport = () => ({
	bodyId: body('dkt-wg'),
	kind: 'tip',
	message: 'เห็นรถตู้รับเด็กออกจากหมู่บ้านตอนกลางคืนหลายครั้ง',
	location: 'บ้านถ้ำ',
	contactName: '',
	contactPhone: '',
	contactEmail: '',
	formToken: issueFormToken(Date.now() - 60_000),
	website: ''
});

export const networkScenes: Scenes = {
	'/account ?/profile': {
		usual: {
			request: () => ({ form: { displayName: 'พญ.ปิยะนุช จันทร์เพ็ญ', phone: '081 234 5678', locale: 'th' } }),
			allowed: 'hospital',
			malformed: {
				'a control character in the name': { answer: 400, change: withForm({ displayName: CONTROL }) },
				'an unknown language': { answer: 400, change: withForm({ locale: 'fr' }) }
			}
		}
	},
	'/account ?/password': {
		usual: {
			request: () => ({ form: { current: DEMO_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD } }),
			allowed: 'hospital',
			malformed: {
				'a wrong current password': { answer: 400, change: withForm({ current: 'not-the-password' }) },
				'a confirmation that differs': { answer: 400, change: withForm({ confirm: `${NEW_PASSWORD}!` }) }
			}
		}
	},
	'/account ?/endSession': {
		usual: {
			target: (w) => w.callers.get(user('cdo'))!.sessionId!,
			request: ({ target }) => ({ form: { session: target } }),
			allowed: 'cdo'
		}
	},
	'/account ?/everywhere': { usual: { request: () => ({}), allowed: 'hospital' } },

	'/admin/network ?/organisation': {
		usual: {
			request: () => ({ form: organisation }),
			allowed: 'admin',
			cast: admins,
			malformed: {
				'a control character in the name': { answer: 400, change: withForm({ nameTh: CONTROL }) },
				'an unknown sector': { answer: 400, change: withForm({ sector: 'army' }) }
			}
		}
	},
	'/admin/network ?/body': {
		usual: {
			request: () => ({
				form: {
					nameTh: 'คณะทำงานทดสอบ',
					nameEn: 'Test working group',
					kind: 'working_group',
					areaId: demoId('area', 'pong'),
					parentId: body('doc-pong'),
					secretariatId: '',
					cadence: 'monthly',
					quorum: 'half'
				}
			}),
			allowed: 'admin',
			cast: admins,
			malformed: { 'a malformed area': { answer: 400, change: withForm({ areaId: 'pong' }) } }
		}
	},
	'/admin/network ?/toggle': {
		usual: {
			request: () => ({ form: { id: org('dkt-women'), active: 'false' } }),
			allowed: 'admin',
			cast: admins,
			// The page posts only ids it listed: a malformed one is ignored, changing nothing.
			malformed: { 'a malformed organisation id': { answer: 200, change: withForm({ id: 'women' }) } }
		}
	},
	// A preview writes nothing; a confirmation needs a preview of the same administrator's, which none of the others can make.
	'/admin/import ?/preview': {
		usual: {
			request: () => ({ form: { file: new File([importCsv], 'people.csv', { type: 'text/csv' }) } }),
			allowed: 'admin',
			changesNothing: true,
			cast: admins,
			malformed: { 'a file that is no template': { answer: 400, change: withForm({ file: new File(['a,b\n1,2\n'], 'x.csv') }) } }
		}
	},
	'/admin/import ?/confirm': {
		usual: {
			request: () => ({ form: { token: '00000000-0000-4000-8000-000000000000', endsOn: '', note: '' } }),
			by: 'admin',
			cast: admins,
			malformed: { 'a preview that was never made': { answer: 400, change: withForm({ token: 'not-a-preview' }) } }
		}
	},
	'/admin/users ?/invite': {
		usual: {
			request: () => ({ form: { username: 'newcomer', displayName: 'ผู้ใช้ใหม่', email: '', phone: '', locale: 'th' } }),
			allowed: 'admin',
			cast: admins,
			malformed: {
				'a user name with a space': { answer: 400, change: withForm({ username: 'new comer' }) },
				'a control character in the name': { answer: 400, change: withForm({ displayName: CONTROL }) }
			}
		}
	},
	'/admin/users ?/person': {
		usual: {
			request: () => ({ form: { user: user('college'), displayName: 'ธวัชชัย สุวรรณ', nameTitle: 'นาย', position: 'รองผู้อำนวยการวิทยาลัย' } }),
			allowed: 'admin',
			cast: admins,
			malformed: {
				'a malformed user id': { answer: 400, change: withForm({ user: 'thawatchai' }) },
				'a title longer than any title': { answer: 400, change: withForm({ nameTitle: 'ก'.repeat(41) }) },
				'a control character in the position': { answer: 400, change: withForm({ position: CONTROL }) }
			}
		}
	},
	...Object.fromEntries(
		(['reset', 'disable', 'enable'] as const).map((a) => [
			`/admin/users ?/${a}`,
			{
				usual: {
					request: () => ({ form: { user: user('college') } }),
					allowed: 'admin',
					cast: admins,
					malformed: { 'a malformed user id': { answer: 400, change: withForm({ user: 'thawatchai' }) } }
				}
			}
		])
	),

	'/bodies/[id=uuid]/intake ?/record': {
		usual: onBody(
			{
				channel: 'telephone',
				kind: 'help_request',
				message: 'แม่โทรมาแจ้งว่าลูกสาวถูกชวนไปทำงานต่างประเทศ',
				location: '',
				contactName: '',
				contactPhone: '',
				contactEmail: ''
			},
			{
				malformed: {
					'a message too short': { answer: 400, change: withForm({ message: 'ช่วยด้วย' }) },
					'a channel staff do not record': { answer: 400, change: withForm({ channel: 'web' }) },
					'a malformed telephone number': { answer: 400, change: withForm({ contactPhone: 'call me' }) }
				}
			}
		)
	},
	'/bodies/[id=uuid]/intake ?/dismiss': {
		usual: {
			target: (w) => w.intakeReportId,
			request: ({ target, stance }) => ({ params: { id: routeBody(stance) }, form: { id: target, reason: 'ตรวจสอบแล้วไม่ใช่กรณีค้ามนุษย์' } }),
			allowed: 'cdo',
			malformed: {
				'no reason': { answer: 400, change: withForm({ reason: '' }) },
				'a control character in the reason': { answer: 400, change: withForm({ reason: CONTROL }) }
			}
		}
	},
	'/bodies/[id=uuid]/intake ?/agenda': {
		usual: {
			target: (w) => w.intakeReportId,
			request: ({ target, stance }) => ({ params: { id: routeBody(stance) }, form: { id: target } }),
			allowed: 'cdo'
		}
	},

	'/bodies/[id=uuid]/manage ?/handover': {
		usual: onSeat(
			{},
			{
				request: ({ target, who, stance }) => ({
					params: { id: routeBody(stance) },
					form: { membership: target, successor: stance === 'successor_self' && who ? user(who) : user('municipality'), note: 'ย้ายไปรับตำแหน่งใหม่', startsOn: '' }
				}),
				targets: { successor_self: () => membership('dkt-wg', 'cdo', 'dkt-cdo') },
				malformed: {
					'no note': { answer: 400, change: withForm({ note: '' }) },
					'a malformed successor': { answer: 400, change: withForm({ successor: 'sombat' }) },
					'a malformed seat': { answer: 400, change: withForm({ membership: 'jintana' }) }
				}
			}
		)
	},
	'/bodies/[id=uuid]/manage ?/end': {
		usual: onSeat(
			{ endsOn: '' },
			{
				malformed: {
					'a malformed date': { answer: 400, change: withForm({ endsOn: 'today' }) },
					'a malformed seat': { answer: 400, change: withForm({ membership: 'jintana' }) }
				}
			}
		)
	},
	'/bodies/[id=uuid]/manage ?/add': {
		usual: onBody(
			{ user: user('municipality'), organisation: org('dkt-municipality'), role: 'member', alternate: '', startsOn: '' },
			{
				malformed: {
					'an unknown role': { answer: 400, change: withForm({ role: 'patron' }) },
					'a malformed user': { answer: 400, change: withForm({ user: 'sombat' }) }
				}
			}
		)
	},
	'/bodies/[id=uuid]/manage ?/settings': {
		usual: onBody(
			{ cadence: 'bimonthly', quorum: 'half', termsTh: '', termsEn: '' },
			{
				malformed: {
					'an unknown cadence': { answer: 400, change: withForm({ cadence: 'daily' }) },
					'terms that are not a document': { answer: 400, change: withForm({ termsTh: '{"type":' }) }
				}
			}
		)
	},
	'/bodies/[id=uuid]/manage ?/roles': {
		usual: onBody(
			{ member_th: 'ผู้แทนหน่วยงานสมาชิก', member_en: 'Member agency representative' },
			{
				malformed: { 'a control character in a wording': { answer: 400, change: withForm({ member_th: CONTROL }) } }
			}
		)
	},
	'/bodies/[id=uuid]/meetings ?/template': {
		usual: onBody(
			{ titleTh: ['เปิดประชุม', 'เรื่องแจ้งเพื่อทราบ'], titleEn: ['Opening', 'Announcements'], minutes: ['5', '15'], standing: ['', 'aob'] },
			{
				malformed: {
					'a control character in a title': { answer: 400, change: withForm({ titleTh: [CONTROL, 'เรื่องแจ้งเพื่อทราบ'] }) },
					'a negative duration': { answer: 400, change: withForm({ minutes: ['-5', '15'] }) }
				}
			}
		)
	},
	'/bodies/[id=uuid]/meetings ?/schedule': {
		usual: onBody(
			{ title: 'ประชุมวิสามัญคณะทำงาน', kind: 'extraordinary', date: daysFromNow(14), time: '09:30', place: '', onlineUrl: '', repeat: 'none', count: '' },
			{
				malformed: {
					'a date in the past': { answer: 400, change: withForm({ date: daysFromNow(-14) }) },
					'a time that does not exist': { answer: 400, change: withForm({ time: '25:00' }) },
					'a case conference without its case': { answer: 400, change: withForm({ kind: 'case_conference' }) },
					'a control character in the title': { answer: 400, change: withForm({ title: CONTROL }) }
				}
			}
		)
	},

	'/my ?/acknowledge': {
		usual: {
			target: () => membership('dkt-wg', 'cdo', 'dkt-cdo'),
			request: ({ target }) => ({ form: { membership: target } }),
			allowed: 'cdo',
			malformed: { 'a malformed seat': { answer: 400, change: withForm({ membership: 'wg' }) } }
		}
	},

	'/language ?/default': {
		usual: {
			request: () => ({ form: { locale: 'en', redirectTo: '/' } }),
			allowed: null,
			changesNothing: true,
			malformed: { 'an unknown language': { answer: 400, change: withForm({ locale: 'lo' }) } }
		}
	},
	'/link/[token] ?/default': {
		usual: {
			target: (w) => w.linkToken,
			request: ({ target }) => ({ params: { token: target }, form: { password: NEW_PASSWORD, confirm: NEW_PASSWORD } }),
			allowed: null,
			malformed: {
				'a confirmation that differs': { answer: 400, change: withForm({ confirm: `${NEW_PASSWORD}!` }) },
				'an unknown link': { answer: 400, change: withParams({ token: 'not-a-link' }) }
			}
		}
	},
	'/report ?/default': {
		usual: {
			request: () => ({ form: publicReport() }),
			allowed: null,
			malformed: {
				'a filled honeypot': { answer: 400, change: withForm({ website: 'http://spam.example' }) },
				'a forged form token': { answer: 400, change: withForm({ formToken: '1700000000000.forged' }) },
				'a body that takes no reports': { answer: 400, change: withForm({ bodyId: body('dkt-committee') }) },
				'a control character in the message': { answer: 400, change: withForm({ message: `${CONTROL} เห็นรถตู้รับเด็ก` }) }
			}
		}
	},
	'/signin ?/default': {
		usual: {
			request: () => ({ form: { username: 'piyanuch', password: DEMO_PASSWORD, redirectTo: '/' } }),
			allowed: null,
			malformed: {
				'no password': { answer: 400, change: withForm({ password: '' }) },
				'a user name too long': { answer: 400, change: withForm({ username: 'x'.repeat(300) }) }
			}
		}
	},
	'/signout ?/default': { usual: { request: () => ({}), allowed: 'hospital' } }
};
