import type * as Y from 'yjs';
import { log } from '../log';
import type { LiveDocument } from './document';
import type { CollabSettings } from './settings';

/**
 * Called after a document's changes are durable, debounced per document. The
 * doc holds only durable state when the hook is called: read what you need
 * before your first `await`. Errors are logged, never thrown at the server.
 */
export type DocumentChangedHook = (name: string, doc: Y.Doc) => Promise<void> | void;

interface Pending {
	timer: NodeJS.Timeout;
	firstAt: number;
}

/** Runs the after-durable hooks (projection into SQL) per document, one run at a time. */
export class ProjectionHooks {
	private readonly hooks = new Set<DocumentChangedHook>();
	private readonly pending = new Map<LiveDocument, Pending>();
	private readonly runs = new Map<LiveDocument, Promise<void>>();

	constructor(
		private readonly settings: CollabSettings,
		/** Resolves when no accepted update of the document is still waiting for the database. */
		private readonly durable: (live: LiveDocument) => Promise<void>
	) {}

	add(hook: DocumentChangedHook): () => void {
		this.hooks.add(hook);
		return () => this.hooks.delete(hook);
	}

	/** A durable change happened: (re)arm the debounce, within the longest wait. */
	touch(live: LiveDocument): void {
		if (!this.hooks.size) return;
		const now = Date.now();
		const prev = this.pending.get(live);
		if (prev) clearTimeout(prev.timer);
		const firstAt = prev?.firstAt ?? now;
		const delay = Math.max(0, Math.min(this.settings.hookDebounceMs, firstAt + this.settings.hookMaxWaitMs - now));
		const timer = setTimeout(() => void this.fire(live), delay);
		timer.unref();
		this.pending.set(live, { timer, firstAt });
	}

	/** Runs a pending call now (before unloading); resolves when all runs are done. */
	async flush(live: LiveDocument): Promise<void> {
		if (this.pending.has(live)) await this.fire(live);
		else await this.runs.get(live);
	}

	private fire(live: LiveDocument): Promise<void> {
		const pending = this.pending.get(live);
		if (pending) clearTimeout(pending.timer);
		this.pending.delete(live);
		const previous = this.runs.get(live) ?? Promise.resolve();
		const run = previous.then(() => this.run(live));
		this.runs.set(live, run);
		void run.finally(() => {
			if (this.runs.get(live) === run) this.runs.delete(live);
		});
		return run;
	}

	private async run(live: LiveDocument): Promise<void> {
		for (const hook of this.hooks) {
			try {
				// Again before each hook: the previous one may have awaited while edits arrived.
				await this.durable(live);
			} catch {
				return; // The server stopped before the change was durable: nothing durable to project.
			}
			try {
				await hook(live.name, live.doc);
			} catch (error) {
				log.error('collab.hook_failed', { doc: live.name, error: error instanceof Error ? error : String(error) });
			}
		}
	}
}
