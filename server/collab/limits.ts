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
