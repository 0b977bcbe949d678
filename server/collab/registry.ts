import { log } from '../log';
import type { LiveDocument } from './document';

/** No room for another document in memory, and none could be unloaded. */
export class CapacityError extends Error {
	constructor() {
		super('too many documents in memory');
		this.name = 'CapacityError';
	}
}

export interface Lifecycle {
	maxDocuments: number;
	unloadAfterMs: number;
	/** Reads a document from storage and wires it into the server. */
	open(name: string): Promise<LiveDocument>;
	/** Makes an idle document's state final in storage; false when it must stay loaded. */
	prepareUnload(live: LiveDocument): Promise<boolean>;
	/** Unwires and destroys a document that left the registry. */
	discard(live: LiveDocument): void;
}

/**
 * The documents in memory. Concurrent first users of a document share one
 * load; a document unloads after its last user leaves and a grace period.
 */
export class Registry {
	private readonly docs = new Map<string, LiveDocument>();
	private readonly loading = new Map<string, Promise<LiveDocument>>();
	private closing = false;

	constructor(private readonly lifecycle: Lifecycle) {}

	get size(): number {
		return this.docs.size;
	}

	get(name: string): LiveDocument | undefined {
		return this.docs.get(name);
	}

	/** Every document in memory. */
	loaded(): LiveDocument[] {
		return [...this.docs.values()];
	}

	/** Loads the document if needed and holds it until `release`. */
	async acquire(name: string): Promise<LiveDocument> {
		for (;;) {
			const loaded = this.docs.get(name);
			if (loaded) {
				this.hold(loaded);
				return loaded;
			}
			let pending = this.loading.get(name);
			if (!pending) {
				if (this.docs.size + this.loading.size >= this.lifecycle.maxDocuments) {
					if (await this.evictIdle()) continue;
					throw new CapacityError();
				}
				pending = this.lifecycle.open(name).then(
					(live) => {
						this.loading.delete(name);
						if (this.closing) {
							this.lifecycle.discard(live);
							throw new Error('collaboration server is closing');
						}
						this.docs.set(name, live);
						return live;
					},
					(error: unknown) => {
						this.loading.delete(name);
						throw error;
					}
				);
				this.loading.set(name, pending);
			}
			const live = await pending;
			this.hold(live);
			return live;
		}
	}

	release(live: LiveDocument): void {
		live.holds--;
		this.scheduleUnload(live);
	}

	/** Unloads a document nobody holds; resolves true when it left memory. */
	unload(live: LiveDocument): Promise<boolean> {
		if (live.unloadTimer) clearTimeout(live.unloadTimer);
		live.unloadTimer = null;
		live.unloading ??= this.lifecycle
			.prepareUnload(live)
			.catch((error: unknown) => {
				log.error('collab.unload_failed', { doc: live.name, error: error instanceof Error ? error : String(error) });
				return false;
			})
			.then((ready) => {
				live.unloading = null;
				// Decided in the same turn as the removal, so no acquire slips in between.
				if (ready && live.holds === 0 && this.docs.get(live.name) === live) {
					this.docs.delete(live.name);
					this.lifecycle.discard(live);
					return true;
				}
				// Still idle but not unloadable (the database is down): try again later.
				this.scheduleUnload(live);
				return false;
			});
		return live.unloading;
	}

	/** Stops scheduling unloads and unloads every document (compacting it), for shutdown. */
	async closeAll(): Promise<void> {
		this.closing = true;
		await Promise.allSettled([...this.loading.values()]);
		await Promise.all([...this.docs.values()].map((live) => this.unload(live)));
	}

	/** Drops whatever is still in memory, without touching storage. */
	discardAll(): void {
		this.closing = true;
		for (const live of [...this.docs.values()]) {
			this.docs.delete(live.name);
			this.lifecycle.discard(live);
		}
	}

	private scheduleUnload(live: LiveDocument): void {
		if (live.holds > 0 || this.closing || live.unloading || this.docs.get(live.name) !== live) return;
		if (live.unloadTimer) clearTimeout(live.unloadTimer);
		live.unloadTimer = setTimeout(() => void this.unload(live), this.lifecycle.unloadAfterMs);
		live.unloadTimer.unref();
	}

	private hold(live: LiveDocument): void {
		live.holds++;
		if (live.unloadTimer) clearTimeout(live.unloadTimer);
		live.unloadTimer = null;
	}

	private async evictIdle(): Promise<boolean> {
		for (const live of this.docs.values()) {
			if (live.holds === 0 && (await this.unload(live))) return true;
		}
		return false;
	}
}
