/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
		now = performance.now()
	) {
		this.tokens = burst;
		this.last = now;
	}

	take(now = performance.now()): boolean {
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
		this.last = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}

/** Open (and opening) sockets per user, so one account cannot exhaust the server. */
export class UserSockets {
	private readonly counts = new Map<string, number>();

	constructor(private readonly max: number) {}

	tryReserve(userId: string): boolean {
		const n = this.counts.get(userId) ?? 0;
		if (n >= this.max) return false;
		this.counts.set(userId, n + 1);
		return true;
	}

	release(userId: string): void {
		const n = (this.counts.get(userId) ?? 1) - 1;
		if (n <= 0) this.counts.delete(userId);
		else this.counts.set(userId, n);
	}
}

/** What a document keeps to bound its writers: its size, and each writer's bytes in the current minute. */
export interface Metered {
	/** Stored size: the bytes loaded plus every update accepted since (a compaction sets it to the snapshot's). */
	bytes: number;
	writers: Map<string, { since: number; bytes: number }>;
}

/**
 * Bounds what one writer may add to a document per minute and how large a
 * document may grow. A real monthly meeting stays far below both; a script
 * filling a document does not.
 */
export class Allowance {
	constructor(
		private readonly perWriterPerMinute: number,
		private readonly maxDocumentBytes: number
	) {}

	admit(doc: Metered, userId: string, bytes: number, now = Date.now()): boolean {
		if (doc.bytes + bytes > this.maxDocumentBytes) return false;
		let window = doc.writers.get(userId);
		if (!window || now - window.since >= 60_000) doc.writers.set(userId, (window = { since: now, bytes: 0 }));
		if (window.bytes + bytes > this.perWriterPerMinute) return false;
		window.bytes += bytes;
		doc.bytes += bytes;
		return true;
	}
}
