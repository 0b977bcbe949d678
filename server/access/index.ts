import type { Kysely } from 'kysely';
import { audit } from '../audit';
import type { DB, Role } from '../db/schema';
import { actionScope, representsLead } from '../membership/action-standing';
import { log } from '../log';
import { onCaseTeam } from '../membership/case-team';
import { leadsCaseTeam, referralSides } from './cases';
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
		const scope = await actionScope(ctx.db, r.id);
		return scope !== undefined && rule(a, { kind: 'body', id: scope.body_id }, ctx);
	};
/**
 * A case's action belongs to its case team: whatever the body's rules allow,
 * nobody off the team moves it. Actions without a case are unaffected.
 */
const caseTeamToo =
	(rule: OnAction): OnAction =>
	async (a, r, ctx) => {
		const scope = await actionScope(ctx.db, r.id);
		if (!scope || (scope.case_id && !(await onCaseTeam(ctx.db, a.userId, scope.case_id, ctx.now)))) return false;
		return rule(a, r, ctx);
	};
const leadRepresentative: OnAction = (a, r, ctx) => representsLead(ctx.db, a.userId, r.id, ctx.now);
const officers = roleOn('chair', 'vice_chair', 'secretary');
const workers = roleOn('chair', 'vice_chair', 'secretary', 'member', 'volunteer');
/**
 * A case is seen only by its team, administrators included: case work is not
 * administration. Everyone else sees a case only as its code (docs/cases.md).
 */
const caseTeam: Rule<{ kind: 'case'; id: string }> = (a, r, ctx) => onCaseTeam(ctx.db, a.userId, r.id, ctx.now);
/** The team's lead and the body's officers who are on the team: who changes the team. */
const caseTeamLead: Rule<{ kind: 'case'; id: string }> = (a, r, ctx) => leadsCaseTeam(ctx.db, a.userId, r.id, ctx.now);
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
/** One rule for the body's own meetings, another for a case conference, which answers to its team alone. */
const byKind =
	(o: { meeting: Rule<{ kind: 'body'; id: string }>; conference: OnMeeting }): OnMeeting =>
	async (a, r, ctx) => {
		const m = await meetingOf(ctx.db, r.id);
		if (!m) return false;
		return m.case_id ? o.conference(a, r, ctx) : o.meeting(a, { kind: 'body', id: m.body_id }, ctx);
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
	'meeting.run': { on: 'meeting', rule: byKind({ meeting: anyOf(admin, officers), conference: conferenceTeam }) },
	// Editing one occurrence: whoever schedules the body's meetings; a conference's team alone.
	'meeting.edit': { on: 'meeting', rule: byKind({ meeting: anyOf(admin, roleOn('chair', 'secretary')), conference: conferenceTeam }) },
	'meeting.read': { on: 'meeting', rule: onItsMeeting(bodyRead) },
	// Versions of the live document (browse, restore one item): the officers; of a conference, those on its team.
	'meeting.versions': { on: 'meeting', rule: onItsMeeting(officers) },
	'intake.record': { on: 'body', rule: anyOf(admin, officers) },
	'intake.triage': { on: 'body', rule: anyOf(admin, roleOn('chair', 'vice_chair', 'secretary', 'member')) },
	'action.read': { on: 'action', rule: onItsBody(bodyRead) },
	// Every change to a case's action needs a seat on its case team as well (docs/access.md).
	'action.progress': { on: 'action', rule: caseTeamToo(leadRepresentative) },
	'action.report': { on: 'action', rule: caseTeamToo(anyOf(leadRepresentative, onItsBody(officers))) },
	'action.accept': { on: 'action', rule: caseTeamToo(onItsBody(officers)) },
	'action.carry_over': { on: 'action', rule: caseTeamToo(onItsBody(officers)) },
	'action.reassign': { on: 'action', rule: caseTeamToo(onItsBody(officers)) },
	'action.drop': { on: 'action', rule: caseTeamToo(onItsBody(roleOn('chair'))) },
	// Minutes (docs/minutes.md): the secretariat drafts, the meeting or the chair approves, members comment.
	'minutes.read': { on: 'meeting', rule: onItsMeeting(bodyRead) },
	'minutes.comment': { on: 'meeting', rule: onItsMeeting(anyOf(roleOn(...seated), oversees)) },
	'minutes.generate': { on: 'meeting', rule: onItsMeeting(officers) },
	'minutes.edit': { on: 'meeting', rule: onItsMeeting(officers) },
	'minutes.approve_at_meeting': { on: 'meeting', rule: onItsMeeting(officers) },
	'minutes.approve': { on: 'meeting', rule: onItsMeeting(roleOn('chair')) },
	// Approval by circulation: the officers send the draft round; members (not observers) confirm or comment.
	'minutes.circulate': { on: 'meeting', rule: onItsMeeting(officers) },
	'minutes.confirm': { on: 'meeting', rule: onItsMeeting(roleOn('chair', 'vice_chair', 'secretary', 'member', 'volunteer')) },
	'minutes.correct': { on: 'meeting', rule: onItsMeeting(roleOn('chair', 'secretary')) },
	// Cases (docs/cases.md): the team sees everything; nobody else sees more than the code.
	'case.list': { on: 'body', rule: roleOn(...seated) },
	'case.open': { on: 'body', rule: workers },
	'case.read': { on: 'case', rule: caseTeam },
	'case.edit': { on: 'case', rule: caseTeam },
	'case.identity': { on: 'case', rule: caseTeam },
	'case.team': { on: 'case', rule: caseTeamLead },
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

export async function can<A extends Action>(db: Kysely<DB>, actor: Actor | null, action: A, resource: ResourceFor<A>, now = new Date()): Promise<boolean> {
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

/**
 * How a request would be refused, without saying so to anyone: null when
 * allowed, else the status to answer. Lets a transaction check access before
 * its first write and leave the audit of a refusal to `refuse`, outside it.
 */
export async function refusal<A extends Action>(
	db: Kysely<DB>,
	actor: Actor | null,
	action: A,
	resource: ResourceFor<A>,
	options: { hide?: boolean; now?: Date } = {}
): Promise<403 | 404 | null> {
	if (await can(db, actor, action, resource, options.now)) return null;
	const r = resource as Resource;
	if (r.kind === 'meeting') return options.hide || (await meetingHidden(db, actor, r.id, options.now)) ? 404 : 403;
	// The team knows its case exists: a member refused a change is told so, not that the case is gone.
	if (r.kind === 'case' && options.hide) return actor && (await onCaseTeam(db, actor.userId, r.id, options.now)) ? 403 : 404;
	return options.hide ? 404 : 403;
}

/** Checks access and, when refused, logs it, audits it and throws `AccessDenied`. */
export async function requireAccess<A extends Action>(
	db: Kysely<DB>,
	actor: Actor | null,
	action: A,
	resource: ResourceFor<A>,
	options: { clientAddress?: string | null; hide?: boolean; now?: Date } = {}
): Promise<void> {
	const status = await refusal(db, actor, action, resource, options);
	if (status) await refuse(db, actor, action, targetOf(resource), status, options.clientAddress);
}

export const targetOf = (resource: Resource) => ({ type: resource.kind, id: 'id' in resource ? resource.id : undefined });

/**
 * A meeting nobody may know of: an unknown id, or a case conference refused to
 * someone off its team. Both answer 404 alike, so a refusal never tells a
 * conference from nothing; a team member refused an action gets 403.
 */
async function meetingHidden(db: Kysely<DB>, actor: Actor | null, meetingId: string, now?: Date): Promise<boolean> {
	const m = await meetingOf(db, meetingId);
	if (!m) return true;
	return !!m.case_id && !(actor && (await onCaseTeam(db, actor.userId, m.case_id, now)));
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
		actorId: actor?.userId ?? null,
		action: 'access.denied',
		outcome: 'denied',
		targetType: target.type,
		targetId: target.id,
		clientAddress,
		detail: { action }
	});
	throw new AccessDenied(status, action);
}
