/** What the UI can say about one document's connection. */
export type CollabState =
	/** Not (yet) synced with the server, and nothing local is waiting. */
	| 'connecting'
	/** Synced; some local changes are on their way to the database. */
	| 'connected'
	/** Not synced, and local changes exist that the server has not confirmed. */
	| 'offline-unsaved'
	/** Not synced; local changes wait, kept on this device (`pending` of them), for the server. */
	| 'offline-kept'
	/** The network or the server is out of reach, and nothing local is waiting. */
	| 'offline'
	/** Synced, and the server confirmed every local change durable. */
	| 'saved'
	/** The server's database refuses writes; changes wait, unsaved. */
	| 'storage-error'
	/** The server ended the connection for good (access revoked, session ended). */
	| 'closed';

/** Reactive connection state of one document; `state` sums it up for the UI. */
export class CollabStatus {
	/** The socket is open and the first sync with the server completed. */
	synced = $state(false);
	/** Local changes exist that the server has not confirmed durable. */
	unsaved = $state(false);
	/** The server accepts no edits from this connection. */
	readOnly = $state(false);
	/** The server reported that its database is not accepting writes. */
	storageError = $state(false);
	/** Why the server ended the connection for good; null while it may reconnect. */
	closed = $state<{ code: number; reason: string } | null>(null);
	/**
	 * The rule the server named when it refused a change of this client's.
	 * Nothing of that change was kept; the local copy must be rebuilt from the
	 * server (a new Y.Doc and connection).
	 */
	refused = $state<string | null>(null);
	/** False once the socket stopped answering or the browser reported the network gone. */
	reachable = $state(true);
	/** Local changes are also kept on this device (IndexedDB) until the server confirms them. */
	kept = $state(false);
	/** How many local changes the server has not yet confirmed. */
	pending = $state(0);
	/** How many of those the device copy holds for sure (written to IndexedDB). */
	stored = $state(0);

	get state(): CollabState {
		if (this.closed) return 'closed';
		if (this.storageError) return 'storage-error';
		if (!this.synced) {
			if (this.unsaved) return this.kept ? 'offline-kept' : 'offline-unsaved';
			return this.reachable ? 'connecting' : 'offline';
		}
		return this.unsaved ? 'connected' : 'saved';
	}
}
