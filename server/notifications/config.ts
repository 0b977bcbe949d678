/** How notifications reach people: mail settings and where links point, read once from the environment. */
export interface NotifyConfig {
	/** `smtp://user:pass@host:587`; absent means in-app notifications only. */
	smtpUrl: string | undefined;
	from: string;
	/**
	 * `BOUNCE_ADDRESS`: the return path's base (`bounces@domain`); each mail then
	 * leaves as `bounces+<id>@domain` (server/notifications/bounces.ts).
	 */
	bounceAddress: string | undefined;
	/** `BOUNCE_SMTP_PORT`: where returned mail for that domain is received; unset means not received here. */
	bouncePort: number | undefined;
	/** `BOUNCE_SMTP_HOST`, else `HOST`: the interface it listens on. */
	bounceHost: string;
	/** Origin of links in mail, without a trailing slash. */
	origin: string;
	/** How often the scheduler wakes, in milliseconds. */
	tickMs: number;
	/**
	 * Whether the runtime's scheduler runs by itself. Not under Vitest: there
	 * tests drive a scheduler of their own, and one waking in the background
	 * would write rows inside the windows where suites prove a request changed
	 * nothing.
	 */
	background: boolean;
}

export function readNotifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
	const origin = (env.ORIGIN ?? '')
		.split(',')
		.map((s) => s.trim())
		.find(Boolean);
	const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
	const tick = Number(env.NOTIFY_TICK_SECONDS);
	return {
		smtpUrl: env.SMTP_URL || undefined,
		from: env.MAIL_FROM || 'Concord <concord@localhost>',
		bounceAddress: env.BOUNCE_ADDRESS || undefined,
		bouncePort: env.BOUNCE_SMTP_PORT ? port(env.BOUNCE_SMTP_PORT) : undefined,
		bounceHost: env.BOUNCE_SMTP_HOST || env.HOST || '0.0.0.0',
		origin: (origin ?? `http://${host}:${env.PORT || 3000}`).replace(/\/+$/, ''),
		tickMs: (Number.isFinite(tick) && tick > 0 ? tick : 15) * 1000,
		background: !env.VITEST
	};
}

function port(value: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`BOUNCE_SMTP_PORT must be a port number (0–65535), not "${value}"`);
	return n;
}
