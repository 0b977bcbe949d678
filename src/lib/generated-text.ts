import { m } from './paraglide/messages';
import { getLocale, type Locale } from './paraglide/runtime';

/**
 * Titles the server writes on people's behalf (a case conference, a referral's
 * action item and its first history line) are stored once, in Thai, because
 * the minutes and exports are Thai documents. They are built from these
 * messages, so a reader can be shown them in their own language by reading
 * the stored text back against the Thai pattern.
 */

type Key = 'case_conference_title' | 'referral_action_case' | 'referral_action_intake' | 'referral_action_reason' | 'referral_action_received';
type Render = (params: Record<string, string>, options: { locale: Locale }) => string;
// Named one by one rather than looked up as m[key], which would put every message of the app into each page that reads these.
const RENDER: Record<Key, Render> = {
	case_conference_title: m.case_conference_title as unknown as Render,
	referral_action_case: m.referral_action_case as unknown as Render,
	referral_action_intake: m.referral_action_intake as unknown as Render,
	referral_action_reason: m.referral_action_reason as unknown as Render,
	referral_action_received: m.referral_action_received as unknown as Render
};
const render = (key: Key) => RENDER[key];

const STORED: Locale = 'th';

export const generated = {
	conferenceTitle: (code: string) => m.case_conference_title({ code }, { locale: STORED }),
	referralOfCase: (code: string) => m.referral_action_case({ code }, { locale: STORED }),
	referralOfIntake: (reference: string) => m.referral_action_intake({ reference }, { locale: STORED }),
	referralWithReason: (reason: string) => m.referral_action_reason({ reason }, { locale: STORED }),
	referralReceived: (organisation: string) => m.referral_action_received({ organisation }, { locale: STORED })
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The stored Thai of a message as a pattern with its one parameter captured. */
function pattern(key: Key, param: string): RegExp {
	const marker = '\u0000';
	const text = render(key)({ [param]: marker }, { locale: STORED });
	return new RegExp(`^${escape(text).replace(marker, '(.+)')}$`, 's');
}

const PATTERNS: [Key, string, RegExp][] = (
	[
		['case_conference_title', 'code'],
		['referral_action_case', 'code'],
		['referral_action_intake', 'reference'],
		['referral_action_reason', 'reason'],
		['referral_action_received', 'organisation']
	] as const
).map(([key, param]) => [key, param, pattern(key, param)]);

// Titles stored before the intake report was called เรื่องรับแจ้ง.
const LEGACY: [Key, string, RegExp][] = [['referral_action_intake', 'reference', /^รับเรื่องส่งต่อจากการแจ้งเหตุ (.+)$/s]];

/** A stored text in the reader's language when the server generated it; otherwise as written. */
export function shown(text: string, locale: Locale = getLocale()): string {
	if (locale === STORED) return text;
	for (const [key, param, re] of [...PATTERNS, ...LEGACY]) {
		const hit = re.exec(text);
		if (hit) return render(key)({ [param]: hit[1]! }, { locale });
	}
	return text;
}
