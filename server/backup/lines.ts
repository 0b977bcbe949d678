import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { BackupError } from './format';

/**
 * The lines of a gzip'd file, with the decompressor's failures told apart: not
 * gzip at all, damaged, or cut short.
 */
export async function* gzipLines(input: Readable): AsyncGenerator<string> {
	const gunzip = createGunzip();
	input.on('error', (error) => gunzip.destroy(error));
	let gzip: boolean | undefined;
	input.once('data', (chunk: Buffer) => (gzip = chunk[0] === 0x1f && chunk[1] === 0x8b));
	input.pipe(gunzip);
	// A character may straddle two chunks.
	const utf8 = new StringDecoder('utf8');
	let rest = '';
	try {
		for await (const chunk of gunzip as AsyncIterable<Buffer>) {
			rest += utf8.write(chunk);
			let cut: number;
			while ((cut = rest.indexOf('\n')) >= 0) {
				yield rest.slice(0, cut);
				rest = rest.slice(cut + 1);
			}
		}
	} catch (error) {
		const code = (error as { code?: string }).code;
		if (!code?.startsWith('Z_')) throw error;
		if (!gzip) throw new BackupError('This file is not a Concord backup (it is not gzip-compressed).');
		if (code === 'Z_BUF_ERROR') throw new BackupError('The backup file is truncated: it ends before the backup does.');
		throw new BackupError(`The backup file is corrupt: ${(error as Error).message}.`);
	} finally {
		input.destroy();
		gunzip.destroy();
	}
	rest += utf8.end();
	if (rest) yield rest;
}
