import type { Kysely } from 'kysely';
import { audit } from '../audit';
import type { DB, Role } from '../db/schema';
import { actionBodyId, representsLead } from '../followup/standing';
import { log } from '../log';
import { onCaseTeam } from '../cases/team';
import { referralSides } from './cases';
import { overseesBody, rolesOnBody } from './roles';

/**
 * The one access module. Every route, form action, endpoint and the
 * collaboration server ask it before doing anything; an action that has no
 * rule here is denied. The rules are documented in docs/access.md.
 */

export interface Actor {
	userId: string;
	isAdmin: boolean;
}

export type Resource =
	| { kind: 'system' }
	| { kind: 'user'; id: string }
	| { kind: 'body'; id: string }
	| { kind: 'action'; id: string }
	| { kind: 'meeting'; id: string }
	| { kind: 'case'; id: string }
	| { kind: 'referral'; id: string };

interface Context {
	db: Kysely<DB>;
	now: Date;
}

type Rule<R extends Resource> = (actor: Actor, resource: R, ctx: Context) => boolean | Promise<boolean>;

const admin: Rule<Resource> = (a) => a.isAdmin;
const self: Rule<{ kind: 'user'; id: string }> = (a, r) => a.userId === r.id;
const roleOn =
	(...roles: Role[]): Rule<{ kind: 'body'; id: string }> =>
	async (a, r, ctx) => {
		const held = await rolesOnBody(ctx.db, a.userId, r.id, ctx.now);
		return roles.some((role) => held.has(role));
	};
const oversees: Rule<{ kind: 'body'; id: string }> = (a, r, ctx) => overseesBody(ctx.db, a.userId, r.id, ctx.now);

function anyOf<R extends Resource>(...rules: Rule<R>[]): Rule<R> {
	return async (a, r, ctx) => {
		for (const rule of rules) if (await rule(a, r, ctx)) return true;
		return false;
	};
}

const seated: Role[] = ['chair', 'vice_chair', 'secretary', 'member', 'observer', 'volunteer'];
const bodyRead = anyOf(admin, roleOn(...seated), oversees);
type OnAction = Rule<{ kind: 'action'; id: string }>;
/** An action item answers to the rules of its body. */
const onItsBody =
	(rule: Rule<{ kind: 'body'; id: string }>): OnAction =>
	async (a, r, ctx) => {
		const bodyId = await actionBodyId(ctx.db, r.id);
		return bodyId !== undefined && rule(a, { kind: 'body', id: bodyId }, ctx);
	};
const leadRepresentative: OnAction = (a, r, ctx) => representsLead(ctx.db, a.userId, r.id, ctx.now);
const officers = roleOn('chair', 'vice_chair', 'secretary');
const workers = roleOn('chair', 'vice_chair', 'secretary', 'member', 'volunteer');
/**
 * A case is seen only by its team, administrators included: case work is not
 * administration. Everyone else sees a case only as its code (docs/cases.md).
 */
const caseTeam: Rule<{ kind: 'case'; id: string }> = (a, r, ctx) => onCaseTeam(ctx.db, a.userId, r.id, ctx.now);
type OnMeeting = Rule<{ kind: 'meeting'; id: string }>;
/** What the meeting rules ask of a meeting: its body, and its case when it is a conference. */
const meetingOf = (db: Kysely<DB>, id: string) => db.selectFrom('meeting').select(['body_id', 'case_id']).where('id', '=', id).executeTakeFirst();
/** A meeting answers to the rules of its body; a case conference, to its case team as well. */
const onItsMeeting =
	(rule: Rule<{ kind: 'body'; id: string }>): OnMeeting =>
	async (a, r, ctx) => {
		const m = await meetingOf(ctx.db, r.id);
		if (!m || (m.case_id && !(await onCaseTeam(ctx.db, a.userId, m.case_id, ctx.now)))) return false;
		return rule(a, { kind: 'body', id: m.body_id }, ctx);
	};
/** Whoever is on the case team runs its conference, officer of the body or not. */
const conferenceTeam: OnMeeting = async (a, r, ctx) => {
	const m = await meetingOf(ctx.db, r.id);
	return !!m?.case_id && (await onCaseTeam(ctx.db, a.userId, m.case_id, ctx.now));
};
const referralSender: Rule<{ kind: 'referral'; id: string }> = async (a, r, ctx) => (await referralSides(ctx.db, a.userId, r.id, ctx.now)).sender;
const referralReceiver: Rule<{ kind: 'referral'; id: string }> = async (a, r, ctx) => (await referralSides(ctx.db, a.userId, r.id, ctx.now)).receiver;

/** The rules, one per action: the resource it applies to and who may. */
export const rules = {
	'user.list': { on: 'system', rule: admin },
	'user.invite': { on: 'system', rule: admin },
	'user.manage': { on: 'user', rule: admin },
	'account.manage': { on: 'user', rule: self },
	'audit.read': { on: 'system', rule: admin },
	'network.manage': { on: 'system', rule: admin },
	'body.read': { on: 'body', rule: bodyRead },
	'body.manage': { on: 'body', rule: anyOf(admin, roleOn('chair', 'secretary')) },
	'body.followup': { on: 'body', rule: anyOf(admin, officers, oversees) },
	'meeting.schedule': { on: 'body', rule: anyOf(admin, roleOn('chair', 'secretary')) },
	'meeting.run': { on: 'meeting', rule: anyOf(onItsMeeting(anyOf(admin, officers)), conferenceTeam) },
	// Versions of the live document (browse, restore one item): the officers; of a conference, those on its team.
	'meeting.versions': { on: 'meeting', rule: onItsMeeting(officers) },
	'intake.record': { on: 'body', rule: anyOf(admin, officers) },
	'intake.triage': { on: 'body', rule: anyOf(admin, roleOn('chair', 'vice_chair', 'secretary', 'member')) },
	'action.read': { on: 'action', rule: onItsBody(bodyRead) },
	'action.progress': { on: 'action', rule: leadRepresentative },
	'action.report': { on: 'action', rule: anyOf(leadRepresentative, onItsBody(officers)) },
	'action.accept': { on: 'action', rule: onItsBody(officers) },
	'action.carry_over': { on: 'action', rule: onItsBody(officers) },
	'action.reassign': { on: 'action', rule: onItsBody(officers) },
	'action.drop': { on: 'action', rule: onItsBody(roleOn('chair')) },
	// Minutes (docs/minutes.md): the secretariat drafts, the meeting or the chair approves, members comment.
	'minutes.read': { on: 'meeting', rule: onItsMeeting(bodyRead) },
	'minutes.comment': { on: 'meeting', rule: onItsMeeting(anyOf(roleOn(...seated), oversees)) },
	'minutes.generate': { on: 'meeting', rule: onItsMeeting(officers) },
	'minutes.edit': { on: 'meeting', rule: onItsMeeting(officers) },
	'minutes.approve_at_meeting': { on: 'meeting', rule: onItsMeeting(officers) },
	'minutes.approve': { on: 'meeting', rule: onItsMeeting(roleOn('chair')) },
	'minutes.correct': { on: 'meeting', rule: onItsMeeting(roleOn('chair', 'secretary')) },
	// Cases (docs/cases.md): the team sees everything; nobody else sees more than the code.
	'case.list': { on: 'body', rule: roleOn(...seated) },
	'case.open': { on: 'body', rule: workers },
	'case.read': { on: 'case', rule: caseTeam },
	'case.edit': { on: 'case', rule: caseTeam },
	'case.identity': { on: 'case', rule: caseTeam },
	'case.team': { on: 'case', rule: caseTeam },
	'case.conference': { on: 'case', rule: caseTeam },
	'case.refer': { on: 'case', rule: caseTeam },
	// Referrals: the sending side makes and follows them; the receiving side answers.
	'referral.send': { on: 'body', rule: workers },
	'referral.read': { on: 'referral', rule: anyOf(referralSender, referralReceiver) },
	'referral.respond': { on: 'referral', rule: referralReceiver },
	// Outcome reports: counts only, never identifying data.
	'outcome.prepare': { on: 'body', rule: roleOn('chair', 'secretary') },
	'outcome.read': { on: 'body', rule: bodyRead },
	'outcome.rollup': { on: 'body', rule: anyOf(admin, roleOn(...seated)) }
} as const satisfies Record<string, { on: Resource['kind']; rule: Rule<never> }>;

export type Action = keyof typeof rules;
type ResourceFor<A extends Action> = Extract<Resource, { kind: (typeof rules)[A]['on'] }>;

export async function can<A extends Action>(
	db: Kysely<DB>,
	actor: Actor | null,
	action: A,
	resource: ResourceFor<A>,
	now = new Date()
): Promise<boolean> {
	const entry = (rules as Record<string, { on: string; rule: Rule<Resource> }>)[action];
	if (!actor || !entry || entry.on !== resource.kind) return false;
	return entry.rule(actor, resource, { db, now });
}

/** A refused request: 403, or 404 where even the existence of the target is confidential. */
export class AccessDenied extends Error {
	constructor(
		readonly status: 403 | 404,
		readonly action: string
	) {
		super(status === 404 ? 'Not found' : 'Forbidden');
		this.name = 'AccessDenied';
	}
}

/** Checks access and, when refused, logs it, audits it and throws `AccessDenied`. */
export async function requireAccess<A extends Action>(
	db: Kysely<DB>,
	actor: Actor | null,
	action: A,
	resource: ResourceFor<A>,
	options: { clientAddress?: string | null; hide?: boolean; now?: Date } = {}
): Promise<void> {
	if (await can(db, actor, action, resource, options.now)) return;
	const r = resource as Resource;
	const hide = options.hide || (r.kind === 'meeting' && (await isCaseConference(db, r.id)));
	await refuse(db, actor, action, { type: resource.kind, id: 'id' in resource ? resource.id : undefined }, hide ? 404 : 403, options.clientAddress);
}

/** To anyone refused, a case conference does not exist. */
async function isCaseConference(db: Kysely<DB>, meetingId: string): Promise<boolean> {
	return !!(await meetingOf(db, meetingId))?.case_id;
}

/** Logs and audits a refusal decided elsewhere in this module (documents), then throws. */
export async function refuse(
	db: Kysely<DB>,
	actor: Actor | null,
	action: string,
	target: { type: string; id?: string },
	status: 403 | 404,
	clientAddress?: string | null
): Promise<never> {
	log.warn('access.denied', { action, actor: actor?.userId ?? null, target: target.type, targetId: target.id });
	await audit(db, {
		actorId: actor?.userId ?? null, action: 'access.denied', outcome: 'denied', targetType: target.type, targetId: target.id,
		clientAddress, detail: { action }
	});
	throw new AccessDenied(status, action);
}
