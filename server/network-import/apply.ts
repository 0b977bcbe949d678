import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../access';
import { audit } from '../audit';
import { LINK_LIFETIME_MS } from '../auth/links';
import { generateToken, hashToken } from '../auth/token';
import type { DB } from '../db/schema';
import { events } from '../events';
import { handOver } from '../handover/service';
import { endMembership } from '../network/service';
import type { Plan } from './plan-types';
import { insertMany, updateBodies, updateOrganisations, updateSeats, updateUsers } from './repository';
import { addDays } from './values';

export interface Invitation {
	userId: string;
	name: string;
	username: string;
	email: string | null;
	token: string;
	expiresAt: Date;
}
export interface EndSeats {
	membershipIds: string[];
	endsOn: string;
	note: string;
}
export interface Applied {
	invitations: Invitation[];
	ended: number;
	handedOver: number;
	counts: Plan['counts'];
}

/** A refusal met while writing: everything written so far is rolled back and the administrator told why. */
export class ImportRefused extends Error {
	constructor(
		public code: string,
		public detail: string
	) {
		super(`import refused: ${code} ${detail}`);
	}
}

/**
 * The import's own transaction, handed to the ordinary hand-over and seat-end
 * services as if it were the database: their "begin a transaction" joins this
 * one, so a seat handed over lands together with the rest of the file or not
 * at all, and the hand-over's own rules (open items move, case teams get a
 * proposal, history and audit) apply unchanged.
 */
function joined(tx: Transaction<DB>): Kysely<DB> {
	return new Proxy(tx, {
		get(target, prop) {
			if (prop === 'transaction') return () => ({ execute: <T>(fn: (t: Transaction<DB>) => Promise<T>) => fn(target) });
			const value = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	}) as Kysely<DB>;
}

/** Writes a plan in one transaction; any failure, at any row, leaves the database as it was. */
export async function applyPlan(
	db: Kysely<DB>,
	actor: Actor,
	plan: Plan,
	opts: { end?: EndSeats; fileName: string; encoding: string; clientAddress: string | null; now?: Date }
): Promise<Applied> {
	const now = opts.now ?? new Date();
	const ending = new Set(opts.end?.membershipIds ?? []);
	const chosen = plan.missing.filter((m) => ending.has(m.membershipId));
	// A successor's seat comes from the hand-over itself, not from the file's row.
	const bySuccession = new Set(chosen.flatMap((m) => (m.successor ? [m.successor.seatId] : [])));
	const invitations: Invitation[] = [];
	const result = await db.transaction().execute(async (tx) => {
		await insertMany(tx, 'organisation', plan.organisations.create);
		await updateOrganisations(tx, plan.organisations.update);
		await insertMany(tx, 'body', plan.bodies.create);
		await updateBodies(tx, plan.bodies.update);
		await insertMany(tx, 'app_user', plan.users.create);
		await updateUsers(tx, plan.users.update, now);
		await insertMany(
			tx,
			'membership',
			plan.seats.create.filter((s) => !bySuccession.has(s.id!))
		);
		await updateSeats(tx, plan.seats.update);

		const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS);
		const links = plan.users.create.map((u) => {
			const token = generateToken();
			invitations.push({ userId: u.id!, name: u.display_name, username: u.username, email: u.email ?? null, token, expiresAt });
			return { id: hashToken(token), user_id: u.id!, purpose: 'invitation' as const, created_by: actor.userId, created_at: now, expires_at: expiresAt };
		});
		await insertMany(tx, 'user_link', links);

		let handedOver = 0;
		for (const m of chosen) {
			const through = joined(tx);
			if (m.successor) {
				const r = await handOver(
					through,
					actor,
					{ membershipId: m.membershipId, successorId: m.successor.userId, note: opts.end!.note, startsOn: addDays(opts.end!.endsOn, 1) },
					opts.clientAddress
				);
				if (!r.ok) throw new ImportRefused(Object.values(r.errors)[0] ?? 'handover', m.person);
				handedOver++;
			} else {
				const r = await endMembership(through, actor, m.membershipId, { endsOn: opts.end!.endsOn }, opts.clientAddress);
				if (!r.ok) throw new ImportRefused(Object.values(r.errors)[0] ?? 'end', m.person);
			}
		}
		await audit(tx, {
			actorId: actor.userId,
			action: 'network.import',
			outcome: 'success',
			targetType: 'network',
			clientAddress: opts.clientAddress,
			detail: {
				file: opts.fileName.slice(0, 200),
				encoding: opts.encoding,
				counts: plan.counts,
				invited: invitations.length,
				seatsEnded: chosen.length,
				handedOver
			}
		});
		return { ended: chosen.length, handedOver };
	});
	for (const userId of new Set(plan.touchedUsers)) events.emit('access.changed', { userId, reason: 'membership_added' });
	return { invitations, counts: plan.counts, ...result };
}
