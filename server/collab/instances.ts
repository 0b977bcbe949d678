import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { events, eventNames, type DomainEvents } from '../events';
import { claimDatabase } from './claim';
import { Cluster } from './cluster';

export interface InstanceOptions {
	db: Kysely<DB>;
	engine: 'pglite' | 'postgres';
	/** REDIS_URL: absent means this must be the database's only instance. */
	redisUrl: string | undefined;
	redisPrefix: string;
	instance: string;
}

export interface Instances {
	/** The link to the other instances; null when this is the only one. */
	cluster: Cluster | null;
	/** Stops forwarding events, leaves Redis and lets go of the database. */
	close(): Promise<void>;
}

/**
 * Takes this instance's place on the database: alone without Redis, beside
 * others with it, the domain events then reaching every instance (revocation,
 * live boards, the bell).
 */
export async function joinInstances(options: InstanceOptions): Promise<Instances> {
	const { db, engine, redisUrl } = options;
	if (redisUrl && engine !== 'postgres') throw new Error('REDIS_URL needs DATABASE_URL: the embedded database serves one process only.');
	const claim = engine === 'postgres' ? await claimDatabase(db, redisUrl !== undefined) : null;
	if (!redisUrl) return { cluster: null, close: async () => await claim?.release() };
	const cluster = new Cluster({ url: redisUrl, prefix: options.redisPrefix, instance: options.instance });
	try {
		await cluster.connect();
	} catch (error) {
		await cluster.close();
		await claim?.release();
		throw error;
	}
	const known = new Set<string>(eventNames);
	const stopForwarding = events.forward((name, payload) => cluster.publishEvent(name, payload));
	const stopReceiving = cluster.onEvent((name, payload) => {
		if (known.has(name)) events.deliver(name as keyof DomainEvents, payload as never);
	});
	return {
		cluster,
		async close() {
			stopForwarding();
			stopReceiving();
			await cluster.close();
			await claim?.release();
		}
	};
}
