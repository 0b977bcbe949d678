/** Bounds and timings of the collaboration server; every field has a default. */
export interface CollabSettings {
	/** Largest WebSocket frame accepted; a bigger one closes the socket with 1009. */
	maxFrameBytes: number;
	/** Sustained messages per second one connection may send (token bucket refill). */
	messagesPerSecond: number;
	/** Messages one connection may send in a burst (token bucket size). */
	messageBurst: number;
	/** Documents held in memory; a load beyond it evicts an idle one or is refused with 503. */
	maxDocuments: number;
	/** Open sockets per user across all documents; one more is refused with 429. */
	maxConnectionsPerUser: number;
	/** Bytes of accepted updates waiting for the database; a writer beyond it is disconnected. */
	maxQueuedBytes: number;
	/** Batches of updates being committed at once; more arriving meanwhile wait and share the next batch. */
	commitsInFlight: number;
	/** Bytes waiting in one socket's send buffer before the reader counts as too slow. */
	maxBufferedBytes: number;
	/** Logged update rows of a document that trigger compaction into its snapshot. */
	compactAfterUpdates: number;
	/** Quiet time (no commit) before the space of folded rows is reclaimed with VACUUM. */
	vacuumQuietMs: number;
	/** How long a document without connections stays loaded. */
	unloadAfterMs: number;
	/** Longest a presence change waits, to be sent on with the document's other presence changes. */
	presenceIntervalMs: number;
	/** Quiet time after a durable change before the projection hooks run. */
	hookDebounceMs: number;
	/** Longest a stream of changes can postpone the projection hooks. */
	hookMaxWaitMs: number;
	/** How often open sockets' sessions are validated again. */
	sessionCheckMs: number;
	/** First and longest pause between attempts to write to an unavailable database. */
	retryMinMs: number;
	retryMaxMs: number;
	/** How long `close()` keeps trying to write queued updates before giving up. */
	closeTimeoutMs: number;
	/** Bytes of updates one writer may add to one document per minute; past it the change is refused. */
	maxWriterBytesPerMinute: number;
	/** Largest stored size of a document; a change that would pass it is refused. */
	maxDocumentBytes: number;
	/** Interval of WebSocket pings; a socket that missed the previous pong is dropped. */
	pingIntervalMs: number;
}

export const defaultSettings: CollabSettings = {
	maxFrameBytes: 1024 * 1024,
	messagesPerSecond: 100,
	messageBurst: 400,
	maxDocuments: 500,
	maxConnectionsPerUser: 20,
	maxQueuedBytes: 64 * 1024 * 1024,
	commitsInFlight: 4,
	maxBufferedBytes: 8 * 1024 * 1024,
	compactAfterUpdates: 500,
	vacuumQuietMs: 10_000,
	unloadAfterMs: 30_000,
	presenceIntervalMs: 30,
	hookDebounceMs: 300,
	hookMaxWaitMs: 5_000,
	sessionCheckMs: 60_000,
	retryMinMs: 100,
	retryMaxMs: 5_000,
	closeTimeoutMs: 3_000,
	pingIntervalMs: 30_000,
	maxWriterBytesPerMinute: 8 * 1024 * 1024,
	maxDocumentBytes: 64 * 1024 * 1024
};

export function resolveSettings(overrides: Partial<CollabSettings> = {}): CollabSettings {
	const settings = { ...defaultSettings };
	for (const [key, value] of Object.entries(overrides) as [keyof CollabSettings, number | undefined][]) {
		if (value !== undefined) {
			if (!Number.isFinite(value) || value < 0) throw new Error(`collab setting ${key} must be a non-negative number`);
			settings[key] = value;
		}
	}
	return settings;
}
