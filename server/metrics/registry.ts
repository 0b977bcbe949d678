import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Concord's metrics, registered once per process. Kept on globalThis like the
 * runtime, so that every copy of this module (Vite's SSR graph, the production
 * bundle) counts into the same registry.
 */
export interface Metrics {
	registry: Registry;
	httpRequests: Counter<'route' | 'method' | 'status'>;
	httpDuration: Histogram<'route' | 'method' | 'status'>;
	commitSeconds: Histogram;
	commitUpdates: Histogram;
	relayLatency: Histogram;
	/** Filled at each scrape from what the runtime reports. */
	sockets: Gauge;
	documents: Gauge;
	writeQueueBytes: Gauge;
	storageAvailable: Gauge;
	outboxPending: Gauge;
}

const KEY = Symbol.for('concord.metrics');

/** Fast requests and commits sit in milliseconds; a slow page on a district link takes seconds. */
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** A commit of a keystroke and a hop between instances take fractions of a millisecond: their buckets start lower. */
const COLLAB_SECONDS = [0.0001, 0.00025, 0.0005, ...SECONDS];

function create(): Metrics {
	const registry = new Registry();
	// Process, heap, GC and event-loop delay (nodejs_eventloop_lag_*).
	collectDefaultMetrics({ register: registry });
	// prom-client names three gauges `_total`, which Prometheus keeps for counters
	// (`promtool check metrics` flags them); `nodejs_active_handles` and the
	// others beside them give the same counts by type.
	for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
	const registers = [registry];
	return {
		registry,
		httpRequests: new Counter({
			name: 'concord_http_requests_total',
			help: 'HTTP requests answered, by SvelteKit route id, method and status.',
			labelNames: ['route', 'method', 'status'],
			registers
		}),
		httpDuration: new Histogram({
			name: 'concord_http_request_duration_seconds',
			help: 'Time to answer an HTTP request, by SvelteKit route id, method and status.',
			labelNames: ['route', 'method', 'status'],
			buckets: SECONDS,
			registers
		}),
		commitSeconds: new Histogram({
			name: 'concord_collab_commit_seconds',
			help: 'Time to commit one batch of the collaboration write queue to the database.',
			buckets: COLLAB_SECONDS,
			registers
		}),
		commitUpdates: new Histogram({
			name: 'concord_collab_commit_batch_updates',
			help: 'Document updates in one committed batch of the collaboration write queue.',
			buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000],
			registers
		}),
		relayLatency: new Histogram({
			name: 'concord_relay_latency_seconds',
			help: 'Time from the commit of an update on one instance to its relay on another.',
			buckets: COLLAB_SECONDS,
			registers
		}),
		sockets: new Gauge({ name: 'concord_collab_sockets', help: 'Open collaboration sockets.', registers }),
		documents: new Gauge({ name: 'concord_collab_documents', help: 'Live documents loaded in memory.', registers }),
		writeQueueBytes: new Gauge({
			name: 'concord_collab_write_queue_bytes',
			help: 'Bytes of accepted document updates waiting to be committed.',
			registers
		}),
		storageAvailable: new Gauge({
			name: 'concord_collab_storage_available',
			help: '1 while the collaboration write queue can reach the database, 0 while it retries.',
			registers
		}),
		outboxPending: new Gauge({ name: 'concord_notification_outbox_pending', help: 'Mails waiting in the notification outbox.', registers })
	};
}

export function metrics(): Metrics {
	const slot = globalThis as Record<symbol, Metrics | undefined>;
	return (slot[KEY] ??= create());
}
