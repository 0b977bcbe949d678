import pg from 'pg';

/** Runs one statement on the server of TEST_DATABASE_URL, outside any test database. */
export async function onServer(base: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: base });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** The address of another database on the same server. */
export function databaseUrl(base: string, name: string): string {
	const url = new URL(base);
	url.pathname = `/${name}`;
	return url.toString();
}
