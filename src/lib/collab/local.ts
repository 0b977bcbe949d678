import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { deleteDatabase, devicePrefix } from './wipe';

const databaseOf = (name: string) => `${devicePrefix}${name}`;

export const canKeep = () => typeof indexedDB !== 'undefined';

/**
 * The copy of one live document kept on this device, so edits made offline
 * survive a reload, a closed tab and a restarted phone. It also remembers how
 * many local changes the server had not yet confirmed, which the status shows
 * after a reload.
 */
export class DeviceCopy {
	readonly #persistence: IndexeddbPersistence;
	readonly ready: Promise<number>;

	constructor(name: string, doc: Y.Doc) {
		this.#persistence = new IndexeddbPersistence(databaseOf(name), doc);
		this.ready = this.#persistence.whenSynced.then(async () => {
			// A write cut short by a closed tab can leave later changes without the ones they build on:
			// Yjs would hold them as pending and send them on, and the server refuses such an update whole.
			doc.store.pendingStructs = null;
			doc.store.pendingDs = null;
			return Number((await this.#persistence.get('pending')) ?? 0) || 0;
		});
	}

	/** The persistence itself, so the client can tell its loading from a person's edit. */
	get origin(): unknown {
		return this.#persistence;
	}

	/** Resolves once the count is written, after the changes it counts (IndexedDB keeps one connection's writes in order). */
	remember(pending: number): Promise<boolean> {
		return this.#persistence.set('pending', pending).then(
			() => true,
			() => false
		);
	}

	/** Resolves once the database is closed, so that deleting it is not held up by this tab. */
	destroy(): Promise<void> {
		return this.#persistence.destroy().then(
			() => undefined,
			() => undefined
		);
	}

	/** Drops the copy: after a refusal it holds a change the server will never take. */
	async clear() {
		await this.#persistence.clearData();
	}
}

/** Forgets the device copy of one document, whether or not it is open. */
export async function forgetDocument(name: string) {
	if (canKeep()) await deleteDatabase(databaseOf(name));
}
