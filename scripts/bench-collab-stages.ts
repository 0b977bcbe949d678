import type { ChildProcess } from 'node:child_process';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { Gauge, Histogram } from 'prom-client';

/**
 * Where Concord's share of the propagation time goes, read from its own
 * /metrics (what an operator graphs), over the typing rounds only: the commit
 * of a write batch, the batch's size, the hop from one instance's commit to
 * another's relay, and what holds every message up at once: garbage
 * collection pauses and the event loop's longest delay. Histogram figures are
 * bucket bounds ("≤ 0.5 ms"), as Prometheus would give them.
 */

export interface StageCounts {
	/** Upper bound of each bucket (seconds, or updates; '+Inf' for the last) and how many observations fell at or below it. */
	commitSeconds: [string, number][];
	commitUpdates: [string, number][];
	relaySeconds: [string, number][];
	/** Garbage collection pauses by kind (major, minor, incremental, weakcb). */
	gc: { kind: string; count: number; seconds: number; over10ms: number }[];
	/** The event loop's longest delay and its 99th percentile (prom-client samples it every 10 ms). */
	loopMaxSeconds: number;
	loopP99Seconds: number;
	/** CPU time the process used (user and system), against the wall-clock time since the reset. */
	cpuSeconds: number;
	wallSeconds: number;
}

/** CPU and wall-clock time since the last call, as the stage figures carry them. */
function cpuClock(): () => { cpuSeconds: number; wallSeconds: number } {
	let cpu = process.cpuUsage();
	let wall = performance.now();
	return () => {
		const used = process.cpuUsage(cpu);
		const figures = { cpuSeconds: (used.user + used.system) / 1e6, wallSeconds: (performance.now() - wall) / 1000 };
		cpu = process.cpuUsage();
		wall = performance.now();
		return figures;
	};
}

const GC_KINDS: Record<number, string> = {
	[constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
	[constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
	[constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
	[constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb'
};

/**
 * In the stock server's process, which has no /metrics: the same process
 * figures, measured as prom-client measures them (GC entries of perf_hooks,
 * the event loop's delay sampled every 10 ms), so the two are read alike.
 */
export function serveProcessFigures(): void {
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	const gc = new Map<string, StageCounts['gc'][number]>();
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = GC_KINDS[(entry as PerformanceEntry & { detail?: { kind: number } }).detail?.kind ?? -1] ?? 'other';
			const g = gc.get(kind) ?? { kind, count: 0, seconds: 0, over10ms: 0 };
			g.count++;
			g.seconds += entry.duration / 1000;
			if (entry.duration > 10) g.over10ms++;
			gc.set(kind, g);
		}
	}).observe({ entryTypes: ['gc'] });
	const clock = cpuClock();
	process.on('message', (m: { cmd: string }) => {
		if (m.cmd === 'stages-reset') {
			gc.clear();
			loop.reset();
			clock();
			process.send!({ stagesReset: true });
		} else if (m.cmd === 'stages') {
			const figures = { gc: [...gc.values()], loopMaxSeconds: loop.max / 1e9, loopP99Seconds: loop.percentile(99) / 1e9, ...clock() };
			process.send!({ stages: { commitSeconds: [], commitUpdates: [], relaySeconds: [], ...figures } satisfies StageCounts });
		}
	});
}

const HISTOGRAMS = { commitSeconds: 'commitSeconds', commitUpdates: 'commitUpdates', relaySeconds: 'relayLatency' } as const;

/** In a Concord instance of the bench: answers `stages-reset` and `stages` from the parent. */
export function serveStages(): void {
	const clock = cpuClock();
	process.on('message', async (m: { cmd: string }) => {
		if (m.cmd !== 'stages-reset' && m.cmd !== 'stages') return;
		const { metrics } = await import('../server/metrics/registry');
		const all = metrics();
		const histograms = Object.entries(HISTOGRAMS).map(([key, name]) => [key, all[name] as Histogram] as const);
		// prom-client's default metrics: GC pauses, and event-loop delay, whose window restarts at each reading.
		const gcPauses = all.registry.getSingleMetric('nodejs_gc_duration_seconds') as Histogram;
		const gauge = (name: string) => all.registry.getSingleMetric(name) as Gauge;
		const loopDelay = async () => {
			await gauge('nodejs_eventloop_lag_seconds').get();
			const read = async (name: string) => (await gauge(name).get()).values[0]?.value ?? NaN;
			return { loopMaxSeconds: await read('nodejs_eventloop_lag_max_seconds'), loopP99Seconds: await read('nodejs_eventloop_lag_p99_seconds') };
		};
		if (m.cmd === 'stages-reset') {
			for (const [, h] of histograms) h.reset();
			gcPauses.reset();
			await loopDelay();
			clock();
			process.send!({ stagesReset: true });
			return;
		}
		const counts: Record<string, [string, number][]> = {};
		for (const [key, h] of histograms) {
			const values = (await h.get()).values.filter((v) => v.metricName?.endsWith('_bucket'));
			counts[key] = values.map((v) => [String(v.labels.le), v.value]);
		}
		const gc = new Map<string, StageCounts['gc'][number]>();
		for (const v of (await gcPauses.get()).values) {
			const kind = String(v.labels.kind);
			const entry = gc.get(kind) ?? { kind, count: 0, seconds: 0, over10ms: 0 };
			if (v.metricName?.endsWith('_sum')) entry.seconds = v.value;
			else if (v.metricName?.endsWith('_count')) entry.count = v.value;
			else if (Number(v.labels.le) === 0.01) entry.over10ms -= v.value;
			gc.set(kind, entry);
		}
		for (const entry of gc.values()) entry.over10ms += entry.count;
		const loop = await loopDelay();
		process.send!({
			stages: {
				...(counts as Pick<StageCounts, 'commitSeconds' | 'commitUpdates' | 'relaySeconds'>),
				gc: [...gc.values()],
				...loop,
				...clock()
			} satisfies StageCounts
		});
	});
}

/** The bucket bound under which `p` percent of the observations fell, summed over instances. */
function bound(perInstance: [string, number][][], p: number): number | null {
	const sums = new Map<number, number>();
	const upper = (le: string) => (le === '+Inf' ? Infinity : Number(le));
	for (const buckets of perInstance) for (const [le, n] of buckets) sums.set(upper(le), (sums.get(upper(le)) ?? 0) + n);
	const sorted = [...sums].sort((a, b) => a[0] - b[0]);
	const total = sorted.at(-1)?.[1] ?? 0;
	if (!total) return null;
	return sorted.find(([, n]) => n >= (p / 100) * total)![0];
}

const ms = (s: number | null) => (s === null ? 'none' : s === Infinity ? 'more than the last bucket' : `≤ ${+(s * 1000).toPrecision(3)} ms`);

/** One process's pauses, event-loop delay and CPU over the typing rounds. */
function describeProcess(label: string, p: StageCounts): string {
	const pauses = p.gc.filter((g) => g.count);
	const total = pauses.reduce((sum, g) => sum + g.seconds, 0);
	const kinds = pauses.map((g) => `${g.kind} ${g.count}${g.over10ms ? ` (${g.over10ms} over 10 ms)` : ''}`).join(', ');
	return (
		`  ${label}: garbage collection ${(total * 1000).toFixed(0)} ms in ${pauses.reduce((sum, g) => sum + g.count, 0)} pauses (${kinds || 'none'}); ` +
		`event loop delay p99 ${(p.loopP99Seconds * 1000).toFixed(1)} ms, longest ${(p.loopMaxSeconds * 1000).toFixed(1)} ms; ` +
		`CPU ${p.cpuSeconds.toFixed(1)} s in ${p.wallSeconds.toFixed(0)} s`
	);
}

/**
 * The lines the bench prints: one per stage, p50 and p99, then each process's
 * own figures over the typing rounds, the stock server's beside Concord's (the
 * two servers' rounds alternate, so each process's figures span both).
 */
export function describeStages(instances: StageCounts[], baseline: StageCounts): string[] {
	const line = (label: string, key: 'commitSeconds' | 'commitUpdates' | 'relaySeconds', show: (x: number | null) => string) => {
		const per = instances.map((i) => i[key]);
		const n = Math.max(0, ...per.map((b) => b.at(-1)?.[1] ?? 0));
		return n ? `  ${label.padEnd(42)} p50 ${show(bound(per, 50))}, p99 ${show(bound(per, 99))}` : `  ${label.padEnd(42)} none observed`;
	};
	return [
		"inside Concord during the typing rounds (its /metrics histograms' bucket bounds):",
		line('commit of a write batch', 'commitSeconds', ms),
		line('updates per batch', 'commitUpdates', (x) => (x === null ? 'none' : `≤ ${x}`)),
		line("relay, one instance's commit to another's", 'relaySeconds', ms),
		...instances.map((i, n) => describeProcess(`instance ${n + 1}`, i)),
		describeProcess('the stock server', baseline)
	];
}

/** Asks a child process for its reply to `cmd`, the message that carries `key`. */
export const ask = <T>(child: ChildProcess, cmd: string, key: string): Promise<T> =>
	new Promise((resolve) => {
		const on = (m: Record<string, T>) => {
			if (key in m) {
				child.off('message', on);
				resolve(m[key]!);
			}
		};
		child.on('message', on);
		child.send({ cmd });
	});

/** Asks each instance the same. */
export const askAll = <T>(children: ChildProcess[], cmd: string, key: string): Promise<T[]> => Promise.all(children.map((c) => ask<T>(c, cmd, key)));
