import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '../db/schema-notifications';
import { markupProblems } from '../../tests/support/markup';
import { digestMail, singleMail, type Frame, type Line } from './compose';
import { invitationMail } from './invitation-mail';

const frameIn = (locale: 'th' | 'en'): Frame => ({
	locale,
	origin: 'https://concord.example',
	unsubscribeKind: 'https://concord.example/unsubscribe/kind',
	unsubscribeAll: 'https://concord.example/unsubscribe/all'
});
// A title someone typed to break out of the markup: it must stay text, in the body and in the document's title.
const hostile = 'ตรวจสถานบริการ </title><script>alert(1)</script> & "ร้าน"';
const line = (kind: Line['kind']): Line => ({ kind, subject: { title: hostile, path: '/actions/1', date: '9 ธันวาคม 2569' } });

describe('notification mail as HTML', () => {
	for (const locale of ['th', 'en'] as const) {
		it(`is a whole document in ${locale} for every kind, its subject as its title, that the markup checks pass`, async () => {
			for (const kind of NOTIFICATION_KINDS) {
				const mail = singleMail(frameIn(locale), line(kind), [
					{ heading: 'ระเบียบวาระ', items: [{ text: 'รับรองรายงานการประชุม', url: '/meetings/1' }, { text: 'เรื่องอื่น ๆ' }] }
				]);
				expect(await markupProblems(mail.html, kind)).toEqual([]);
				expect(mail.html).toMatch(new RegExp(`^<!doctype html><html lang="${locale}"><head><meta charset="utf-8">`));
				expect(mail.html).toContain(
					`<title>${mail.subject.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</title>`
				);
				expect(mail.html).not.toContain('<script');
			}
			const digest = digestMail(frameIn(locale), '7 ธันวาคม 2569', NOTIFICATION_KINDS.map(line), NOTIFICATION_KINDS);
			expect(await markupProblems(digest.html, 'digest')).toEqual([]);
			expect(digest.html).not.toContain('<script');
		});

		it(`sends an invitation in ${locale} as a whole document with its link as a link`, async () => {
			const link = 'https://concord.example/link/abc?x=1&y=2';
			const mail = invitationMail(
				locale,
				{ userId: 'u', name: hostile, username: 'somchai', email: 'a@example.org', token: 'abc', expiresAt: new Date() },
				link,
				72
			);
			expect(await markupProblems(mail.html, 'invitation')).toEqual([]);
			expect(mail.html).toMatch(new RegExp(`^<!doctype html><html lang="${locale}">`));
			expect(mail.html).toContain('<a href="https://concord.example/link/abc?x=1&amp;y=2">');
			expect(mail.html).not.toContain('<script');
			expect(mail.text).toContain(link);
		});
	}
});
