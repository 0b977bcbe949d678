import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { events } from '../events';
import { log } from '../log';
import { readNotifyConfig, type NotifyConfig } from './config';
import type { NotifyContext } from './context';
import { sendDigests } from './digest';
import { invitationChanges } from './meeting-mail';
import { drainOnce, smtpSender, type Sender } from './outbox';
import { claimJob, finishJob, prune } from './repository/jobs';
import { onNotifySoon } from './soon';
import { scanDue, scanEvents, scanMeetings } from './triggers';

/**
 * The durable scheduler. Its state is in the database, not in the process:
 * each periodic job is a `notification_job` row claimed with SKIP LOCKED
 * (when it runs next, how far it has read), and mail waits in the outbox. Any
 * number of processes can run it; a restart resumes where the rows say.
 */

const JOB_LEASE_MS = 10 * 60_000;
/** How often due dates and coming meetings are looked at. */
export const DUE_EVERY_MS = 10 * 60_000;
// History is read again this far back: a change committed late, stamped earlier, is still found.
const OVERLAP_MS = 5 * 60_000;
const FIRST_LOOK_BACK_MS = 10 * 60_000;

export interface Notifier {
	ctx: NotifyContext;
	/** One pass of every job, then the outbox until it is empty or nothing is due. */
	tick(): Promise<void>;
	stop(): Promise<void>;
}

export interface NotifierOptions {
	config?: NotifyConfig;
	now?: () => Date;
	sender?: Sender;
	/** Runs by itself (a timer, and at once on changed actions) where the configuration allows; otherwise `tick` drives it. */
	loop?: boolean;
}

let warnedNoMail = false;

export function startNotifier(db: Kysely<DB>, o: NotifierOptions = {}): Notifier {
	const config = o.config ?? readNotifyConfig();
	const sender = o.sender ?? (config.smtpUrl ? smtpSender(config.smtpUrl, config.from, config.bounceAddress) : null);
	const ctx: NotifyContext = { db, config, mail: !!sender, now: o.now ?? (() => new Date()) };
	if (!sender && !warnedNoMail) {
		warnedNoMail = true;
		log.info('notifications.mail_disabled', { reason: 'SMTP_URL is not set; notifications stay in the app' });
	}
	const loop = !!o.loop && config.background;
	let stopped = false;
	let timer: NodeJS.Timeout | null = null;
	// One piece of work at a time in this process: ticks and immediate looks at a changed action.
	let chain: Promise<void> = Promise.resolve();
	const serial = (work: () => Promise<void>) => {
		chain = chain.then(work).catch((err) => log.error('notifications.failed', { error: err instanceof Error ? err.message : String(err) }));
		return chain;
	};

	async function jobs(): Promise<void> {
		const now = ctx.now();
		const history = await claimJob(db, 'events', now, JOB_LEASE_MS);
		if (history) {
			const since = history.cursor ? new Date(new Date(history.cursor).getTime() - OVERLAP_MS) : new Date(now.getTime() - FIRST_LOOK_BACK_MS);
			await scanEvents(ctx, since);
			await invitationChanges(ctx);
			await finishJob(db, 'events', now, now);
		}
		const due = await claimJob(db, 'due', now, JOB_LEASE_MS);
		if (due) {
			await scanDue(ctx);
			await scanMeetings(ctx);
			await prune(db, now);
			await finishJob(db, 'due', new Date(now.getTime() + DUE_EVERY_MS));
		}
		await sendDigests(ctx);
	}

	async function drain(): Promise<void> {
		if (!sender) return;
		for (let i = 0; i < 100 && !stopped; i++) {
			const r = await drainOnce(db, sender, ctx.now);
			if (r.sent + r.failed < 10) break;
		}
	}

	const tick = () =>
		serial(async () => {
			await jobs();
			await drain();
		});

	const offAction = !loop
		? () => {}
		: events.on('action.changed', ({ actionItemId }) => {
				if (stopped) return;
				void serial(async () => {
					await scanEvents(ctx, new Date(ctx.now().getTime() - 2 * 24 * 3600_000), actionItemId);
					await drain();
				});
			});

	// One timer at a time: a nudge during a tick moves the next tick closer rather than starting a second loop.
	let dueAt = 0;
	const schedule = (ms: number) => {
		if (stopped) return;
		if (timer) clearTimeout(timer);
		dueAt = Date.now() + ms;
		timer = setTimeout(() => {
			timer = null;
			void tick().finally(() => {
				if (!timer) schedule(config.tickMs);
			});
		}, ms);
		timer.unref?.();
	};
	// Nudges that keep coming must not keep postponing the tick.
	const offSoon = loop ? onNotifySoon(() => (timer && dueAt <= Date.now() + 300 ? undefined : schedule(300))) : () => {};
	if (loop) schedule(2000);

	return {
		ctx,
		tick,
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			offAction();
			offSoon();
			// What is being sent now is recorded before the process lets go of the database.
			await chain;
			sender?.close();
		}
	};
}
