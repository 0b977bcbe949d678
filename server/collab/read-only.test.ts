import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { carriesNewContent } from './read-only';

describe('read-only edit detection', () => {
	const server = new Y.Doc();
	server.getText('notes').insert(0, 'วาระที่ 1 วาระที่ 2');
	server.getText('notes').delete(0, 4);
	const observer = new Y.Doc();
	Y.applyUpdate(observer, Y.encodeStateAsUpdate(server));

	it('treats a sync reply that only repeats what the server has as no edit', () => {
		const reply = Y.encodeStateAsUpdate(observer, Y.encodeStateVector(server));
		expect(carriesNewContent(server, Y.decodeUpdate(reply))).toBe(false);
	});

	it('sees new text and new deletions as edits', () => {
		const typed = new Y.Doc();
		Y.applyUpdate(typed, Y.encodeStateAsUpdate(server));
		typed.getText('notes').insert(0, 'x');
		expect(carriesNewContent(server, Y.decodeUpdate(Y.encodeStateAsUpdate(typed, Y.encodeStateVector(server))))).toBe(true);

		const deleted = new Y.Doc();
		Y.applyUpdate(deleted, Y.encodeStateAsUpdate(server));
		deleted.getText('notes').delete(2, 3);
		expect(carriesNewContent(server, Y.decodeUpdate(Y.encodeStateAsUpdate(deleted, Y.encodeStateVector(server))))).toBe(true);
	});
});
