import type { Handle } from '@sveltejs/kit';
import { observeRequest } from '$server/metrics';

/**
 * The outermost handle (src/hooks.server.ts), so it times everything; labelled by route id, not path (server/metrics).
 * A parameter's matcher is left out of the label (`/meetings/[id=uuid]` is `/meetings/[id]`), so the series keep their names.
 */
export const requestMetrics: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} catch (error) {
		// A thrown redirect or HTTP error carries its own status; anything else ends as a 500.
		const thrown = (error as { status?: unknown })?.status;
		if (typeof thrown === 'number') status = thrown;
		throw error;
	} finally {
		observeRequest(routeLabel(event.route.id), event.request.method, status, (performance.now() - started) / 1000);
	}
};

/** The route id without its parameters' matchers. */
export const routeLabel = (routeId: string | null): string | null => routeId?.replace(/=[^\]]+\]/g, ']') ?? null;
