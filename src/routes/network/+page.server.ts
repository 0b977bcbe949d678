import { db, requireActor } from '$lib/server/http';
import { networkTree } from '$server/network/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ bodies: await networkTree(db(), requireActor(event)) });
