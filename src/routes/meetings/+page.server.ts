import { db, requireActor } from '$lib/server/http';
import { myMeetings } from '$server/meetings/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => myMeetings(db(), requireActor(event));
