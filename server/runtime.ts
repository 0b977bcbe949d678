import { randomUUID } from 'node:crypto';
import { readConfig, type Config } from './config';
import type { Database } from './db/database';
import { openMigratedDatabase } from './db/migrate';
import { claimDataDir, type Claim } from './collab/claim';
import { joinInstances, type Instances } from './collab/instances';
import { createCollabServer, type CollabServer } from './collab/server';
import { collabHooks } from './collab-hooks';
import { serveLiveBackups, type LiveBackups } from './backup';
import { log } from './log';
import { watchRuntime } from './metrics';
import { registerMeetingProjection } from './meetings/projector';
import { registerMeetingVersions } from './meetings/versions';
import { startNotifier, type Notifier } from './notifications/scheduler';
import { startBounceListener, type BounceListener } from './notifications/bounces';
import { readNotifyConfig } from './notifications/config';
import { pendingMailCount } from './notifications/repository/mail';
import { settleDueCirculations } from './minutes/circulation';

/** How often minutes out for approval by circulation are checked against their deadline. */
const CIRCULATION_SWEEP_MS = 60_000;

/** Everything a process holds exactly once: configuration, the database and the live documents. */
export interface Runtime {
	/** Random id of this runtime, reported by /healthz and on collaboration upgrades. */
	id: string;
	config: Config;
	database: Database;
	collab: CollabServer;
	/** Reminders and mail; absent in runtimes built by hand. */
	notifier?: Notifier;
	/** Receives returned mail when BOUNCE_ADDRESS and BOUNCE_SMTP_PORT are set. */
	bounces?: BounceListener;
	/** `npm run backup` of the embedded engine while this process holds it (server/backup/live.ts). */
	backups?: LiveBackups;
	/** This instance's place beside the others on the database (REDIS_URL). */
	instances?: Instances;
	/** The embedded engine's data directory, held by this process. */
	dataDirClaim?: Claim;
	/** Settles circulations whose deadline has passed, so minutes are approved even if no one looks. */
	circulationSweep?: ReturnType<typeof setInterval>;
}

// Kept on globalThis so that every copy of this module in a process (Vite's SSR
// graph, the production bundle, a script) reaches the same runtime.
const KEY = Symbol.for('concord.runtime');
type Slot = {
	promise?: Promise<Runtime>;
	runtime?: Runtime;
	/** For the plain-JS process entry, which cannot import TypeScript modules. */
	api?: { stopRuntime: () => Promise<void> };
};
const slot: Slot = ((globalThis as Record<symbol, Slot>)[KEY] ??= {});

/** Starts the runtime once per process; later calls return the same one. */
export function startRuntime(config: Config = readConfig()): Promise<Runtime> {
	slot.promise ??= (async () => {
		log.setLevel(config.logLevel);
		const dataDirClaim = !config.databaseUrl && !config.dataDir.startsWith('memory://') ? claimDataDir(config.dataDir) : undefined;
		let database: Database | undefined;
		let instances: Instances;
		const id = randomUUID();
		try {
			database = await openMigratedDatabase({
				url: config.databaseUrl,
				migrationUrl: config.migrationDatabaseUrl,
				dataDir: config.dataDir
			});
			instances = await joinInstances({ db: database.db, engine: database.engine, redisUrl: config.redisUrl, redisPrefix: config.redisPrefix, instance: id });
		} catch (error) {
			await database?.close();
			await dataDirClaim?.release();
			throw error;
		}
		const runtime: Runtime = {
			id,
			config,
			database,
			instances,
			dataDirClaim,
			collab: createCollabServer({ db: database.db, config, instance: id, hooks: collabHooks(database.db, config), cluster: instances.cluster })
		};
		watchRuntime({ collab: () => runtime.collab.stats(), outboxPending: () => pendingMailCount(database.db) });
		if (database.engine === 'pglite' && !config.dataDir.startsWith('memory://')) runtime.backups = await serveLiveBackups(database.db, config.dataDir);
		registerMeetingProjection(database.db, runtime.collab);
		registerMeetingVersions(database.db, runtime.collab);
		runtime.notifier = startNotifier(database.db, { loop: true });
		const mail = readNotifyConfig();
		if (mail.bounceAddress && mail.bouncePort !== undefined) {
			runtime.bounces = await startBounceListener(database.db, { bounceAddress: mail.bounceAddress, port: mail.bouncePort, host: mail.bounceHost });
			log.info('notifications.returned_mail_listening', { port: runtime.bounces.port });
		}
		runtime.circulationSweep = setInterval(() => {
			settleDueCirculations(database.db).catch((error: unknown) => log.error('minutes.circulation_sweep_failed', { error: String(error) }));
		}, CIRCULATION_SWEEP_MS);
		runtime.circulationSweep.unref?.();
		slot.runtime = runtime;
		log.info('runtime.started', { engine: database.engine, runtime: runtime.id });
		return runtime;
	})();
	slot.promise.catch(() => {
		slot.promise = undefined;
	});
	return slot.promise;
}

/** The started runtime; throws when called before `startRuntime` finished. */
export function runtime(): Runtime {
	if (!slot.runtime) throw new Error('Concord runtime is not started');
	return slot.runtime;
}

/** Flushes live documents, then closes the database. Safe to call twice. */
export async function stopRuntime(): Promise<void> {
	const current = slot.runtime;
	slot.runtime = undefined;
	slot.promise = undefined;
	if (!current) return;
	watchRuntime(undefined);
	await current.backups?.close();
	clearInterval(current.circulationSweep);
	await current.notifier?.stop();
	await current.bounces?.close();
	await current.collab.close();
	await current.instances?.close();
	await current.database.close();
	await current.dataDirClaim?.release();
	log.info('runtime.stopped', { runtime: current.id });
}

slot.api = { stopRuntime };
