import type { ChildProcess } from 'node:child_process';
import type { Histogram } from 'prom-client';

/**
 * Where Concord's share of the propagation time goes, read from its own
 * /metrics histograms (what an operator graphs), over the typing rounds only:
 * the commit of a write batch, the batch's size, and the hop from one
 * instance's commit to another's relay. Figures are bucket bounds ("≤ 0.5 ms"),
 * as Prometheus would give them.
 */

export interface StageCounts {
	/** Upper bound of each bucket (seconds, or updates; '+Inf' for the last) and how many observations fell at or below it. */
	commitSeconds: [string, number][];
	commitUpdates: [string, number][];
	relaySeconds: [string, number][];
}

const HISTOGRAMS = { commitSeconds: 'commitSeconds', commitUpdates: 'commitUpdates', relaySeconds: 'relayLatency' } as const;

/** In a Concord instance of the bench: answers `stages-reset` and `stages` from the parent. */
export function serveStages(): void {
	process.on('message', async (m: { cmd: string }) => {
		if (m.cmd !== 'stages-reset' && m.cmd !== 'stages') return;
		const { metrics } = await import('../server/metrics/registry');
		const all = metrics();
		const histograms = Object.entries(HISTOGRAMS).map(([key, name]) => [key, all[name] as Histogram] as const);
		if (m.cmd === 'stages-reset') {
			for (const [, h] of histograms) h.reset();
			process.send!({ stagesReset: true });
			return;
		}
		const counts: Record<string, [string, number][]> = {};
		for (const [key, h] of histograms) {
			const values = (await h.get()).values.filter((v) => v.metricName?.endsWith('_bucket'));
			counts[key] = values.map((v) => [String(v.labels.le), v.value]);
		}
		process.send!({ stages: counts as unknown as StageCounts });
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

/** The lines the bench prints: one per stage, p50 and p99. */
export function describeStages(instances: StageCounts[]): string[] {
	const line = (label: string, key: keyof StageCounts, show: (x: number | null) => string) => {
		const per = instances.map((i) => i[key]);
		const n = Math.max(0, ...per.map((b) => b.at(-1)?.[1] ?? 0));
		return n ? `  ${label.padEnd(42)} p50 ${show(bound(per, 50))}, p99 ${show(bound(per, 99))}` : `  ${label.padEnd(42)} none observed`;
	};
	return [
		"inside Concord during the typing rounds (its /metrics histograms' bucket bounds):",
		line('commit of a write batch', 'commitSeconds', ms),
		line('updates per batch', 'commitUpdates', (x) => (x === null ? 'none' : `≤ ${x}`)),
		line("relay, one instance's commit to another's", 'relaySeconds', ms)
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
