import { db } from '$lib/server/http';
import { publicDirectory } from '$server/network/service';
import type { PageServerLoad } from './$types';

/** Public: no sign-in, nothing personal unless its owner opted in. */
export const load: PageServerLoad = async () => ({ bodies: await publicDirectory(db()) });
