import type { ParamMatcher } from '@sveltejs/kit';
import { isUuid } from '$lib/uuid';

/**
 * `[id=uuid]`: a path whose id is not a UUID matches no route and answers 404
 * before any route code runs. Capitals are taken; the server hook hands routes
 * the id in lower case, as ids are stored (src/hooks.server.ts).
 */
export const match: ParamMatcher = (param) => isUuid(param);
