import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { receivingBodies } from '../intake/service';
import { newReportCountsByBody } from './repository/intake';

/**
 * New reports waiting for triage, per body the person runs: the bodies that
 * receive the public's tips (the intake service decides which), and any other
 * body of theirs that has new reports recorded by its staff.
 */
export async function intakeQueues(db: Kysely<DB>, bodies: { bodyId: string; name_th: string; name_en: string }[]) {
	if (!bodies.length) return [];
	const ids = bodies.map((b) => b.bodyId);
	const [receiving, counts] = await Promise.all([receivingBodies(db), newReportCountsByBody(db, ids)]);
	const receives = new Set(receiving.map((r) => r.bodyId));
	const waiting = new Map(counts.map((c) => [c.body_id, Number(c.n)]));
	return bodies
		.filter((b) => receives.has(b.bodyId) || waiting.has(b.bodyId))
		.map((b) => ({ bodyId: b.bodyId, name_th: b.name_th, name_en: b.name_en, waiting: waiting.get(b.bodyId) ?? 0 }));
}
