import { log } from '../log';

/**
 * Behind a proxy without ADDRESS_HEADER every request seems to come from the
 * proxy, so the sign-in and report throttles count the whole site as one
 * address. Requests that carry X-Forwarded-For while the setting is unset
 * betray that; the warning is logged once and stays on /healthz.
 */

export const FORWARDED_WITHOUT_ADDRESS_HEADER = 'x_forwarded_for_without_address_header';

// On globalThis so that the hook and /healthz see one flag whichever copy of this module they load.
const KEY = Symbol.for('concord.forwarded-warning');
type Slot = { since?: string };
const slot = (): Slot => ((globalThis as Record<symbol, Slot>)[KEY] ??= {});

export function noticeForwardedFor(headers: Headers, env: NodeJS.ProcessEnv = process.env, now = new Date()): void {
	if (slot().since || env.ADDRESS_HEADER || !headers.has('x-forwarded-for')) return;
	slot().since = now.toISOString();
	log.warn('http.forwarded_without_address_header', {
		message:
			'Requests carry X-Forwarded-For but ADDRESS_HEADER is unset: every client looks like the proxy to the sign-in throttle. Set ADDRESS_HEADER=x-forwarded-for if the proxy sets it.'
	});
}

/** The warnings /healthz reports, each with when it was first seen. */
export function addressWarnings(): { code: string; since: string }[] {
	const since = slot().since;
	return since ? [{ code: FORWARDED_WITHOUT_ADDRESS_HEADER, since }] : [];
}

/** For tests: forget that the warning was given. */
export function resetForwardedWarning(): void {
	slot().since = undefined;
}
