import PDFDocument from 'pdfkit';
import { FALLBACK_KEYS, fallbackFonts, FONT_KEYS, thaiFonts, type FontKey } from './fonts';
import { measureText, patchFont, useFallbacks } from './pdf-text';

let measurer: PDFKit.PDFDocument | undefined;

/**
 * The width in points of `text` set in Sarabun at `size`, measured as the PDF
 * sets it; for files whose own layout is left to another program (Word), this
 * sizes what must not wrap, such as a table column's longest word.
 */
export function measureSarabun(text: string, font: FontKey, size: number): number {
	if (!measurer) {
		const pdf = new PDFDocument({ autoFirstPage: false });
		const fonts = thaiFonts();
		for (const k of FONT_KEYS) {
			pdf.registerFont(k, fonts[k]);
			patchFont((pdf.font(k) as unknown as { _font: unknown })._font);
		}
		const fallbacks = fallbackFonts();
		for (const k of FALLBACK_KEYS) pdf.registerFont(k, fallbacks[k]);
		useFallbacks(pdf, [...FALLBACK_KEYS]);
		measurer = pdf;
	}
	return measureText(measurer.font(font).fontSize(size), text);
}
