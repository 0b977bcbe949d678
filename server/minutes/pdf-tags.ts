/**
 * The PDF's structure and archival marks: a tagged PDF (headings, paragraphs,
 * lists and tables as structure elements, page furniture as artifacts), its
 * title and language, and XMP metadata declaring PDF/A-2b (docs/minutes.md
 * says how far conformance goes).
 */

/** A structure element: content is added as a drawing closure, which pdfkit runs at once inside marked content. */
export interface Struct {
	add(child: Struct | (() => void)): unknown;
	end(): void;
}

export const ARCHIVAL = { pdfVersion: '1.7', subset: 'PDF/A-2b', tagged: true } as const;

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * pdfkit writes the title into the XMP packet as it stands, so a meeting
 * titled "A & B" would make the metadata unreadable XML; the Info dictionary
 * keeps the plain title, the XMP gets it escaped.
 */
export function escapeMetadata(pdf: PDFKit.PDFDocument): void {
	const doc = pdf as unknown as { info: Record<string, unknown>; _addInfo(): void };
	const addInfo = doc._addInfo.bind(doc);
	doc._addInfo = () => {
		const plain = { ...doc.info };
		for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) {
			if (typeof doc.info[key] === 'string') doc.info[key] = escapeXml(doc.info[key] as string);
		}
		addInfo();
		Object.assign(doc.info, plain);
	};
}

/** Draws page furniture (borders, rules, headers, footers, the watermark) outside the structure. */
export function artifact(pdf: PDFKit.PDFDocument, draw: () => void, type?: 'Pagination' | 'Layout'): void {
	pdf.markContent('Artifact', type ? { type } : undefined);
	draw();
	pdf.endMarkedContent();
}
