import { error } from '@sveltejs/kit';
import { scrape } from '$server/metrics';
import { bearerMatches } from '$server/metrics/token';
import { runtime } from '$server/runtime';

/** Prometheus scrape target: absent unless METRICS_TOKEN is set, then only for its bearer. */
export async function GET({ request }) {
	const token = runtime().config.metricsToken;
	if (!token) error(404, 'Not Found');
	if (!bearerMatches(request.headers.get('authorization'), token)) {
		return new Response('Unauthorized\n', { status: 401, headers: { 'www-authenticate': 'Bearer realm="metrics"', 'cache-control': 'no-store' } });
	}
	const { body, contentType } = await scrape();
	return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
