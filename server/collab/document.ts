import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Connection } from './connection';

/** A sync step 2 that may only leave once the state it carries is durable. */
export interface HeldAnswer {
	batch: number;
	connection: Connection;
	message: Uint8Array;
}

/** A row of the update log, and the write batch that committed it. */
export interface LoggedUpdate {
	id: number;
	batch: number;
}

/** One document in memory: its Y.Doc, its presence and who is connected. */
export class LiveDocument {
	readonly awareness: Awareness;
	readonly connections = new Set<Connection>();
	/** Which connection introduced each awareness clientID. */
	readonly awarenessOwners = new Map<number, Connection>();
	/** The instance each clientID present through another instance is connected to (replica.ts). */
	readonly remotePresence = new Map<number, string>();
	/** Connections and server-side writes currently using the document; unload waits for zero. */
	holds = 0;
	/**
	 * This document's rows in doc_update that compaction has not folded yet,
	 * oldest first, each with the write batch that committed it (0: found at load).
	 */
	logged: LoggedUpdate[];
	/** Write batch holding this document's latest accepted update; 0 when none yet. */
	lastBatch = 0;
	/** Sync step 1 requests waiting for the open write batch to be taken. */
	syncWaiters: { connection: Connection; stateVector: Uint8Array }[] = [];
	heldAnswers: HeldAnswer[] = [];
	/** Presence changes waiting to be sent on together (relay.ts). */
	presence: { clientIds: Set<number>; local: Set<number>; timer: NodeJS.Timeout } | null = null;
	/** A reread from the database running after messages from other instances went missing (replica.ts). */
	resync: Promise<void> | null = null;
	/** Another reread is due once the running one ends. */
	resyncAgain = false;
	/** The compaction running for this document, if any. */
	compaction: Promise<boolean> | null = null;
	/** Waits for a pause in typing before compacting. */
	compactTimer: NodeJS.Timeout | null = null;
	unloadTimer: NodeJS.Timeout | null = null;
	/** Stored size and each writer's bytes this minute (limits.ts). */
	bytes: number;
	readonly writers = new Map<string, { since: number; bytes: number }>();
	/**
	 * Who first wrote with each Yjs client id: nobody else may write under it.
	 * Linked instances tell each other (owners.ts), so the rule holds whichever
	 * instance the writer is on; `announcedOwners` are those already told or heard.
	 */
	readonly clientOwners = new Map<number, string>();
	readonly announcedOwners = new Set<number>();
	unloading: Promise<boolean> | null = null;

	constructor(
		readonly name: string,
		readonly doc: Y.Doc,
		loggedIds: number[],
		bytes = 0
	) {
		this.bytes = bytes;
		this.logged = loggedIds.map((id) => ({ id, batch: 0 }));
		this.awareness = new Awareness(doc);
		// The server holds presence for others; it is not present itself.
		this.awareness.setLocalState(null);
	}

	/** True when the doc holds updates whose dependencies have not arrived. */
	get hasPendingStructs(): boolean {
		return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
	}

	destroy(): void {
		if (this.unloadTimer) clearTimeout(this.unloadTimer);
		if (this.compactTimer) clearTimeout(this.compactTimer);
		if (this.presence) clearTimeout(this.presence.timer);
		this.awareness.destroy();
		this.doc.destroy();
	}
}
