import { devicePrefix } from '$lib/collab/wipe';

/**
 * The outbox: small changes to action items (progress, done, a report-back)
 * made while offline wait here, on the device, and are sent in the order they
 * were made when the network returns. It lives in IndexedDB under the device
 * prefix, so signing out or a session that ends wipes it with everything else.
 * Case items never come here (docs/offline.md).
 */

export const OUTBOX_VERBS = ['progress', 'done', 'report_back'] as const;
export type OutboxVerb = (typeof OUTBOX_VERBS)[number];

export interface OutboxEntry {
	id?: number;
	/** The action item the change is for, and its title as the person saw it. */
	actionId: string;
	title: string;
	verb: OutboxVerb;
	/** The form's fields as typed. */
	fields: Record<string, string>;
	createdAt: number;
	/** Set when the server refused the change on return: the error code of the first field it named. */
	refused?: string;
}

const NAME = `${devicePrefix}outbox`;
const STORE = 'entries';

/** Opens the database, adding its store when it is missing (whoever made the database first, at whatever version). */
function open(version?: number): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(NAME, version);
		request.onupgradeneeded = () => {
			if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
		};
		request.onsuccess = () => {
			const db = request.result;
			if (db.objectStoreNames.contains(STORE)) return resolve(db);
			db.close();
			open(db.version + 1).then(resolve, reject);
		};
		request.onerror = () => reject(request.error);
	});
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const request = work(db.transaction(STORE, mode).objectStore(STORE));
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
	} finally {
		db.close();
	}
}

/** Every entry, oldest first (keys increase with each entry). */
export const entries = (): Promise<OutboxEntry[]> => run('readonly', (s) => s.getAll() as IDBRequest<OutboxEntry[]>);
export const add = (entry: OutboxEntry): Promise<IDBValidKey> => run('readwrite', (s) => s.add(entry));
export const remove = (id: number): Promise<undefined> => run('readwrite', (s) => s.delete(id));
export const put = (entry: OutboxEntry): Promise<IDBValidKey> => run('readwrite', (s) => s.put(entry));

export type SendResult = { kind: 'sent' } | { kind: 'refused'; code: string } | { kind: 'unreachable' };

/**
 * Sends the waiting entries in order. Stops at the first that cannot reach the
 * server (they go later, still in order); a refused entry stays, marked, with
 * its text, until the person dismisses it.
 */
export async function flush(send: (entry: OutboxEntry) => Promise<SendResult>): Promise<{ sent: number; refused: number }> {
	let sent = 0;
	let refused = 0;
	for (const entry of await entries()) {
		if (entry.refused) continue;
		const result = await send(entry);
		if (result.kind === 'unreachable') break;
		if (result.kind === 'sent') {
			await remove(entry.id!);
			sent++;
		} else {
			await put({ ...entry, refused: result.code });
			refused++;
		}
	}
	return { sent, refused };
}
