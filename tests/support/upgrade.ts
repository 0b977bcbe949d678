import { request } from 'node:http';

/** Sends a bare upgrade request and reports the HTTP answer. */
export function upgradeStatus(
	port: number,
	path: string,
	headers: Record<string, string>
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
	return new Promise((resolve, reject) => {
		const req = request({
			host: '127.0.0.1',
			port,
			path,
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Version': '13',
				'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
				...headers
			}
		});
		req.on('upgrade', (res, socket) => {
			socket.destroy();
			resolve({ status: res.statusCode ?? 0, headers: res.headers });
		});
		req.on('response', (res) => {
			res.resume();
			resolve({ status: res.statusCode ?? 0, headers: res.headers });
		});
		req.on('error', reject);
		req.end();
	});
}
