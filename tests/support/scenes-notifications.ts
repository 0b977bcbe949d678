import { NOTIFICATION_KINDS } from '../../server/db/schema-notifications';
import { withForm, type Scenes } from './scene';

/** The notification centre, its settings on the account page, unsubscribe links and undelivered mail. */

const admins = { officer: 'district-officer', member: 'health' } as const;
const everyKind = Object.fromEntries(
	NOTIFICATION_KINDS.flatMap((k) => [
		[`on_${k}`, 'on'],
		[`mail_${k}`, 'on']
	])
);

export const notificationScenes: Scenes = {
	'/account ?/notifications': {
		usual: {
			request: () => ({
				form: { email: 'piyanuch.notify@example.org', delivery: 'digest', digestHour: '7', quietFrom: '22', quietTo: '6', meetingDays: '3', ...everyKind }
			}),
			allowed: 'hospital',
			malformed: {
				'an address that is not one': { answer: 400, change: withForm({ email: 'not an address' }) },
				'an hour past 23': { answer: 400, change: withForm({ digestHour: '24' }) },
				'quiet hours with one end': { answer: 400, change: withForm({ quietTo: '' }) }
			}
		}
	},
	'/notifications ?/read': {
		usual: { target: () => crypto.randomUUID(), request: ({ target }) => ({ form: { id: target } }), allowed: 'hospital', changesNothing: true }
	},
	'/notifications ?/readAll': { usual: { request: () => ({}), allowed: 'hospital', changesNothing: true } },
	'/notifications/unsubscribe ?/default': {
		usual: {
			request: () => ({ form: { token: `${crypto.randomUUID()}.all.forged` } }),
			malformed: { 'a forged link': { answer: 400, change: withForm({ token: 'nonsense' }) } },
			by: null
		}
	},
	'/admin/mail ?/retry': {
		usual: { target: () => crypto.randomUUID(), request: ({ target }) => ({ form: { id: target } }), allowed: 'admin', cast: admins, changesNothing: true }
	}
};
