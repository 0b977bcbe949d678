/** How notifications reach people: mail settings and where links point, read once from the environment. */
export interface NotifyConfig {
	/** `smtp://user:pass@host:587`; absent means in-app notifications only. */
	smtpUrl: string | undefined;
	from: string;
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
		origin: (origin ?? `http://${host}:${env.PORT || 3000}`).replace(/\/+$/, ''),
		tickMs: (Number.isFinite(tick) && tick > 0 ? tick : 15) * 1000,
		background: !env.VITEST
	};
}
