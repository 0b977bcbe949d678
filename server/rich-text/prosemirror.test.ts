import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { doc, heading, paragraph, readFragment, replaceFragment, table, tableCell, tableRow, writeFragment } from './prosemirror';

const lastType = (ydoc: Y.Doc) => readFragment(ydoc, 'f').content?.at(-1)?.type;

describe('content written by the server', () => {
	it('ends with a paragraph, as an editor would leave it, so opening it changes nothing', () => {
		const endsInTable = doc([heading(1, 'รายงานการประชุม'), table([tableRow([tableCell(paragraph('ลำดับ'))])])]);
		const written = new Y.Doc();
		writeFragment(written.getXmlFragment('f'), endsInTable);
		expect(lastType(written)).toBe('paragraph');
		expect(readFragment(written, 'f').content).toHaveLength(3);

		const replaced = new Y.Doc();
		writeFragment(replaced.getXmlFragment('f'), doc([paragraph('ก่อน')]));
		replaceFragment(replaced.getXmlFragment('f'), endsInTable);
		expect(readFragment(replaced, 'f').content?.map((n) => n.type)).toEqual(['heading', 'table', 'paragraph']);
	});

	it('adds nothing to content that already ends with a paragraph', () => {
		const ydoc = new Y.Doc();
		writeFragment(ydoc.getXmlFragment('f'), doc([heading(2, 'วาระที่ 1'), paragraph('ข้อความ')]));
		expect(readFragment(ydoc, 'f').content?.map((n) => n.type)).toEqual(['heading', 'paragraph']);
	});
});
