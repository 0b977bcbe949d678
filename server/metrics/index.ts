import { metrics } from './registry';

export { metrics } from './registry';

/** What the runtime reports at each scrape. */
export interface RuntimeGauges {
	collab(): { connections: number; documents: number; queuedBytes: number; storageAvailable: boolean };
	outboxPending(): Promise<number>;
}

let source: RuntimeGauges | undefined;

/** Called by the runtime once it has started; the gauges read it at each scrape. */
export function watchRuntime(gauges: RuntimeGauges | undefined): void {
	source = gauges;
}

/** Route label of a request that matched no route: one value, whatever the path. */
export const UNMATCHED = '(unmatched)';

/**
 * Counts one answered request. The route is SvelteKit's route id
 * (`/meetings/[id]`), never the path: one label value per route keeps the
 * number of series bounded.
 */
export function observeRequest(routeId: string | null, method: string, status: number, seconds: number): void {
	const m = metrics();
	const labels = { route: routeId ?? UNMATCHED, method: knownMethod(method), status: String(status) };
	m.httpRequests.inc(labels);
	m.httpDuration.observe(labels, seconds);
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const knownMethod = (method: string) => (METHODS.has(method) ? method : 'OTHER');

/** One batch of the collaboration write queue committed (server/collab/persist.ts reports it through its observer). */
export function observeCommit(seconds: number, updates: number): void {
	const m = metrics();
	m.commitSeconds.observe(seconds);
	m.commitUpdates.observe(updates);
}

/**
 * Latency of one relay between instances: from the commit on the instance
 * that received the update to its delivery on another. For the cross-instance
 * relay to call on each message it receives from another instance.
 */
export function observeRelayLatency(seconds: number): void {
	metrics().relayLatency.observe(Math.max(0, seconds));
}

/** The Prometheus text exposition of every metric, gauges read now. */
export async function scrape(): Promise<{ body: string; contentType: string }> {
	const m = metrics();
	if (source) {
		const stats = source.collab();
		m.sockets.set(stats.connections);
		m.documents.set(stats.documents);
		m.writeQueueBytes.set(stats.queuedBytes);
		m.storageAvailable.set(stats.storageAvailable ? 1 : 0);
		// A database that does not answer must not cost the other metrics.
		m.outboxPending.set(await source.outboxPending().catch(() => Number.NaN));
	}
	return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
