import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Sarabun (SIL Open Font License 1.1, the Sarabun Project Authors), the open
 * release of the Thai government's standard typeface, from the
 * `@expo-google-fonts/sarabun` package; its licence is in that package's LICENSE_FONT.
 */
const files = {
	regular: '@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf',
	bold: '@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf',
	italic: '@expo-google-fonts/sarabun/400Regular_Italic/Sarabun_400Regular_Italic.ttf',
	boldItalic: '@expo-google-fonts/sarabun/700Bold_Italic/Sarabun_700Bold_Italic.ttf'
} as const;

export type FontKey = keyof typeof files;
export const FONT_KEYS = Object.keys(files) as FontKey[];

let cache: Record<FontKey, Buffer> | undefined;

/** The font files, read once per process. */
export function thaiFonts(): Record<FontKey, Buffer> {
	if (!cache) {
		const require = createRequire(import.meta.url);
		cache = Object.fromEntries(FONT_KEYS.map((k) => [k, readFileSync(require.resolve(files[k]))])) as Record<FontKey, Buffer>;
	}
	return cache;
}

/**
 * Fonts for what Sarabun cannot draw, tried in this order: DejaVu Sans (Bitstream
 * Vera licence, `dejavu-fonts-ttf`) for check marks, boxes, arrows and other
 * symbols; Noto Emoji (SIL OFL 1.1, `@expo-google-fonts/noto-emoji`) for emoji.
 */
const fallbackFiles = {
	symbol: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
	emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'
} as const;

export type FallbackKey = keyof typeof fallbackFiles;
export const FALLBACK_KEYS = Object.keys(fallbackFiles) as FallbackKey[];

let fallbackCache: Record<FallbackKey, Buffer> | undefined;

/** The fallback font files, read once per process. */
export function fallbackFonts(): Record<FallbackKey, Buffer> {
	if (!fallbackCache) {
		const require = createRequire(import.meta.url);
		fallbackCache = Object.fromEntries(FALLBACK_KEYS.map((k) => [k, readFileSync(require.resolve(fallbackFiles[k]))])) as Record<FallbackKey, Buffer>;
	}
	return fallbackCache;
}

/** The font Thai offices have in Word; the DOCX names it and Word falls back when it is missing. */
export const WORD_FONT = 'TH Sarabun New';
