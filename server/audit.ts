import type { Kysely } from 'kysely';
import type { AuditOutcome, DB } from './db/schema';

export interface AuditEntry {
	actorId: string | null;
	/** Dotted verb, e.g. `auth.sign_in`, `user.disable`, `access.denied`. */
	action: string;
	outcome: AuditOutcome;
	targetType?: string;
	targetId?: string;
	clientAddress?: string | null;
	/** Small, non-personal facts only: never tokens, passwords or case content. */
	detail?: Record<string, unknown>;
	at?: Date;
}

/** Appends to the audit log; pass the transaction of the change it records. */
export async function audit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_event')
		.values({
			at: e.at ?? new Date(),
			actor_id: e.actorId,
			action: e.action,
			outcome: e.outcome,
			target_type: e.targetType ?? null,
			target_id: e.targetId ?? null,
			client_address: e.clientAddress ?? null,
			detail: e.detail ? JSON.stringify(e.detail) : null
		})
		.execute();
}

export interface AuditFilter {
	/** The actor's username, in any case: an unknown name matches nothing. */
	actorUsername?: string;
	action?: string;
	outcome?: AuditOutcome;
	from?: Date;
	to?: Date;
	limit?: number;
	/** Return events with an id below this (keyset pagination, newest first). */
	before?: number;
}

export async function searchAudit(db: Kysely<DB>, f: AuditFilter) {
	let q = db
		.selectFrom('audit_event')
		.leftJoin('app_user', 'app_user.id', 'audit_event.actor_id')
		.select([
			'audit_event.id',
			'audit_event.at',
			'audit_event.action',
			'audit_event.outcome',
			'audit_event.target_type',
			'audit_event.target_id',
			'audit_event.client_address',
			'audit_event.detail',
			'audit_event.actor_id',
			'app_user.display_name as actor_name',
			'app_user.username as actor_username'
		])
		.orderBy('audit_event.id', 'desc')
		.limit(Math.min(f.limit ?? 50, 200));
	if (f.actorUsername !== undefined) q = q.where((eb) => eb(eb.fn('lower', ['app_user.username']), '=', f.actorUsername!.trim().toLowerCase()));
	if (f.action) q = q.where('audit_event.action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`);
	if (f.outcome) q = q.where('audit_event.outcome', '=', f.outcome);
	if (f.from) q = q.where('audit_event.at', '>=', f.from);
	if (f.to) q = q.where('audit_event.at', '<', f.to);
	if (f.before) q = q.where('audit_event.id', '<', f.before);
	return q.execute();
}
