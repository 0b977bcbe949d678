const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

/** A spreadsheet as an attachment; never cached, since an export names people. */
export function download(bytes: Uint8Array, format: 'xlsx' | 'csv', name: string): Response {
	return new Response(bytes as BodyInit, {
		headers: { 'content-type': TYPES[format], 'content-disposition': `attachment; filename="${name}.${format}"`, 'cache-control': 'no-store' }
	});
}
