/**
 * Who every state-changing form action must refuse, and how: the write side of
 * docs/access.md as data, one row per named action of every `+page.server.ts`.
 * tests/integration/form-actions-refused.test.ts calls each action as each
 * person listed here and checks the answer and that no row changed;
 * server/access/form-actions.test.ts fails when an action has no row, so a new
 * action cannot ship without saying whom it refuses.
 */

/**
 * How a person stands towards the target of the action (its body, meeting,
 * case, action item or referral). Each names the closest thing to being
 * allowed, so that a refusal proves the rule and not mere distance.
 */
export type Stance =
	/** Not signed in. */
	| 'anonymous'
	/** The system administrator, with no seat anywhere. */
	| 'administrator'
	/** Observer of the target's body. */
	| 'observer'
	/** Member (no office) of the target's body, for an organisation that is not the one concerned. */
	| 'member'
	/** Volunteer of the target's body. */
	| 'volunteer'
	/** Vice-chair of the target's body, where the chair or the secretary alone may act. */
	| 'vice_chair'
	/** Secretary of the target's body, where the chair alone may act. */
	| 'secretary'
	/** Chair or secretary of the target's body who is not the one concerned (not the lead of the action item). */
	| 'officer'
	/** Chair or secretary of a body above the target's body. */
	| 'overseer'
	/** Chair of another body, neither this one nor above it. */
	| 'other_body'
	/** The same chair posting the target's id through their own body's page (or their own body's meeting). */
	| 'swapped_id'
	/** Seated for the action item's lead organisation, where the body's officers alone may act. */
	| 'lead_representative'
	/** Seated for another organisation than the one concerned (action item lead, referral receiver). */
	| 'other_organisation'
	/** A working member of the case's body who is not on the case team. */
	| 'off_team'
	/** Chair or secretary of the case's body who is not on the case team. */
	| 'off_team_officer'
	/** Seated for the lead organisation of a case's action item but not on the case team. */
	| 'off_team_lead'
	/** The side that sent a referral, which may read it but not answer it. */
	| 'sending_side'
	/** Names themselves as the successor to someone else's seat. */
	| 'successor_self'
	/** Acts on something of another user's (their session, their seat). */
	| 'other_user';

/**
 * `sign_in`: a redirect to the sign-in page that comes back here. `403`, `404`:
 * the access module's refusal; `404` also answers exactly as an unknown id does.
 * `as_unknown`: the same answer as for an id that does not exist (actions that
 * act on the caller's own things and find nothing of someone else's). `400`:
 * refused as a request nobody may make, with the form's message (a seat handed
 * to oneself), where the caller's role would otherwise allow the action.
 * `refused`: 400, 403 or 404, where the rules leave the answer open (an id of a
 * thing that is not secret, posted through the wrong body's page).
 */
export type Answer = 'sign_in' | 400 | 403 | 404 | 'as_unknown' | 'refused';

/** The target, when it is not the ordinary one of the action (a regular meeting, an action item without a case, a referral without one). */
export type Variant = 'conference' | 'case_action' | 'case';

export type Refusal = readonly [who: Stance, answer: Answer, on?: Variant];

export interface FormActionRow {
	/** The route id as SvelteKit names it, e.g. `/meetings/[id=uuid]`. */
	route: string;
	/** The named action, or `default`. */
	action: string;
	/** The rule of docs/access.md it must pass, or `public`. */
	rule: string;
	refuse: readonly Refusal[];
}

const anonymous: Refusal = ['anonymous', 'sign_in'];

/** The chair or secretary of a body alone (body.manage, meeting.schedule): the administrator may. */
const managers: readonly Refusal[] = [
	anonymous,
	['vice_chair', 403],
	['member', 403],
	['volunteer', 403],
	['observer', 403],
	['overseer', 403],
	['other_body', 403]
];
/** Administration of the system. */
const administrators: readonly Refusal[] = [anonymous, ['officer', 403], ['member', 403]];
/** The case team alone; to anyone else the case does not exist. */
const caseTeam: readonly Refusal[] = [
	anonymous,
	['administrator', 404],
	['off_team', 404],
	['off_team_officer', 404],
	['observer', 404],
	['overseer', 404],
	['other_body', 404]
];
/** A case conference answers to its team alone and to anyone else as an unknown meeting. */
const offConference: readonly Refusal[] = [
	['administrator', 404, 'conference'],
	['off_team', 404, 'conference'],
	['off_team_officer', 404, 'conference'],
	['observer', 404, 'conference']
];
/** The action item's lead organisation (action.progress); a case's action, its lead on the team. */
const leadOnly: readonly Refusal[] = [
	anonymous,
	['administrator', 403],
	['officer', 403],
	['other_organisation', 403],
	['observer', 403],
	['overseer', 403],
	['other_body', 404],
	['off_team_lead', 403, 'case_action']
];
/** The body's chair, vice-chair or secretary on an action item (accept, carry over, reassign). */
const actionOfficers: readonly Refusal[] = [
	anonymous,
	['administrator', 403],
	['lead_representative', 403],
	['other_organisation', 403],
	['observer', 403],
	['overseer', 403]
];
/** The receiving side of a referral; to anyone who may not read it, it does not exist. */
const receivingSide: readonly Refusal[] = [
	anonymous,
	['sending_side', 403],
	['administrator', 404],
	['other_organisation', 404],
	['observer', 404],
	['other_body', 404]
];
/** Those who run a meeting (meeting.run): the administrator and the body's officers; a conference, its team alone. */
const meetingRunners: readonly Refusal[] = [
	anonymous,
	['member', 403],
	['volunteer', 403],
	['observer', 403],
	['overseer', 403],
	['other_body', 403],
	...offConference
];
/** The secretariat's side of the minutes (minutes.generate, minutes.edit): the body's officers, never the administrator. */
const minutesOfficers: readonly Refusal[] = [...meetingRunners, ['administrator', 403]];
/** The draft outcome report is its body's chair's and secretary's working paper. */
const reportDraft: readonly Refusal[] = [
	anonymous,
	['administrator', 404],
	['vice_chair', 404],
	['member', 404],
	['observer', 404],
	['overseer', 404],
	['other_body', 404]
];

const row = (route: string, action: string, rule: string, refuse: readonly Refusal[]): FormActionRow => ({ route, action, rule, refuse });

export const formActions: readonly FormActionRow[] = [
	row('/account', 'profile', 'account.manage', [anonymous]),
	row('/account', 'password', 'account.manage', [anonymous]),
	row('/account', 'endSession', 'account.manage', [anonymous, ['other_user', 'as_unknown']]),
	row('/account', 'everywhere', 'account.manage', [anonymous]),
	row('/account', 'notifications', 'account.manage', [anonymous]),
	row('/notifications', 'read', 'account.manage', [anonymous]),
	row('/notifications', 'readAll', 'account.manage', [anonymous]),
	row('/notifications/unsubscribe', 'default', 'public', []),
	row('/admin/mail', 'retry', 'audit.read', administrators),

	row('/actions', 'progress', 'action.progress', leadOnly),
	row('/actions', 'calendar', 'account.manage', [anonymous]),
	row('/actions', 'calendarOff', 'account.manage', [anonymous]),

	row('/actions/[id=uuid]', 'start', 'action.progress', leadOnly),
	row('/actions/[id=uuid]', 'progress', 'action.progress', leadOnly),
	row('/actions/[id=uuid]', 'done', 'action.progress', leadOnly),
	row('/actions/[id=uuid]', 'report_back', 'action.report', [
		anonymous,
		['administrator', 403],
		['other_organisation', 403],
		['observer', 403],
		['overseer', 403],
		['other_body', 404],
		['off_team_lead', 403, 'case_action'],
		['off_team_officer', 403, 'case_action']
	]),
	row('/actions/[id=uuid]', 'accept', 'action.accept', [...actionOfficers, ['other_body', 404]]),
	row('/actions/[id=uuid]', 'carry_over', 'action.carry_over', [...actionOfficers, ['other_body', 404]]),
	row('/actions/[id=uuid]', 'reassign', 'action.reassign', [...actionOfficers, ['other_body', 404], ['off_team_officer', 403, 'case_action']]),
	row('/actions/[id=uuid]', 'drop', 'action.drop', [...actionOfficers, ['other_body', 404], ['secretary', 403]]),

	row('/admin/network', 'organisation', 'network.manage', administrators),
	row('/admin/network', 'body', 'network.manage', administrators),
	row('/admin/network', 'toggle', 'network.manage', administrators),
	row('/admin/import', 'preview', 'network.manage, user.invite', administrators),
	row('/admin/import', 'confirm', 'network.manage, user.invite', administrators),

	row('/admin/users', 'invite', 'user.invite', administrators),
	row('/admin/users', 'person', 'user.manage', administrators),
	row('/admin/users', 'reset', 'user.manage', administrators),
	row('/admin/users', 'disable', 'user.manage', administrators),
	row('/admin/users', 'enable', 'user.manage', administrators),

	row('/bodies/[id=uuid]/cases', 'open', 'case.open', [anonymous, ['administrator', 403], ['observer', 403], ['overseer', 403], ['other_body', 403]]),
	// An intake report of another body, posted through one's own, is as unknown as one that never came.
	row('/bodies/[id=uuid]/cases/new', 'default', 'case.open, intake.triage', [
		anonymous,
		['administrator', 403],
		['volunteer', 403],
		['observer', 403],
		['overseer', 403],
		['other_body', 403],
		['swapped_id', 'as_unknown']
	]),

	row('/bodies/[id=uuid]/intake', 'record', 'intake.record', [
		anonymous,
		['member', 403],
		['volunteer', 403],
		['observer', 403],
		['overseer', 403],
		['other_body', 403]
	]),
	row('/bodies/[id=uuid]/intake', 'dismiss', 'intake.triage', [
		anonymous,
		['volunteer', 404],
		['observer', 404],
		['overseer', 404],
		['other_body', 404],
		['swapped_id', 'as_unknown']
	]),
	row('/bodies/[id=uuid]/intake', 'agenda', 'intake.triage', [
		anonymous,
		['volunteer', 404],
		['observer', 404],
		['overseer', 404],
		['other_body', 404],
		['swapped_id', 'as_unknown']
	]),

	// Hand-over moves a seat, never onto the caller and never onto a case team (issue 25).
	row('/bodies/[id=uuid]/manage', 'handover', 'body.manage', [...managers, ['swapped_id', 'refused'], ['successor_self', 400]]),
	row('/bodies/[id=uuid]/manage', 'end', 'body.manage', [...managers, ['swapped_id', 'refused']]),
	row('/bodies/[id=uuid]/manage', 'add', 'body.manage', managers),
	row('/bodies/[id=uuid]/manage', 'settings', 'body.manage', managers),
	row('/bodies/[id=uuid]/manage', 'roles', 'body.manage', managers),

	row('/bodies/[id=uuid]/meetings', 'template', 'meeting.schedule', managers),
	row('/bodies/[id=uuid]/meetings', 'schedule', 'meeting.schedule', managers),

	row('/bodies/[id=uuid]/reports', 'prepare', 'outcome.prepare', [
		anonymous,
		['administrator', 403],
		['vice_chair', 403],
		['member', 403],
		['observer', 403],
		['overseer', 403],
		['other_body', 403]
	]),

	row('/cases/[id=uuid]', 'update', 'case.edit', caseTeam),
	row('/cases/[id=uuid]', 'add', 'case.team', caseTeam),
	row('/cases/[id=uuid]', 'remove', 'case.team', caseTeam),
	row('/cases/[id=uuid]', 'need', 'case.edit', caseTeam),
	row('/cases/[id=uuid]', 'conference', 'case.conference', caseTeam),
	// The team's answer to a successor a hand-over proposed to it.
	row('/cases/[id=uuid]', 'successor', 'case.team', caseTeam),
	row('/cases/[id=uuid]/identity', 'save', 'case.identity', caseTeam),
	row('/cases/[id=uuid]/identity', 'upload', 'case.identity', caseTeam),

	row('/language', 'default', 'public', []),
	row('/link/[token]', 'default', 'public', []),

	row('/meetings/[id=uuid]', 'status', 'meeting.run', meetingRunners),
	row('/meetings/[id=uuid]', 'lock', 'meeting.run', meetingRunners),
	// The report-back typed in the meeting, then the officers' decision on it: refused, neither is kept. A stranger
	// to the (regular) meeting is refused at its door; an action item of another body, through one's own meeting, is unknown.
	row('/meetings/[id=uuid]', 'accept', 'action.report, action.accept', [
		...actionOfficers,
		['other_body', 403],
		['swapped_id', 'as_unknown'],
		...offConference
	]),
	row('/meetings/[id=uuid]', 'carry', 'action.report, action.carry_over', [
		...actionOfficers,
		['other_body', 403],
		['swapped_id', 'as_unknown'],
		...offConference
	]),
	row('/meetings/[id=uuid]', 'edit', 'meeting.schedule', [...managers, ...offConference]),

	// One item of an earlier version of the live document, put back.
	row('/meetings/[id=uuid]/versions', 'restore', 'meeting.versions', minutesOfficers),

	row('/meetings/[id=uuid]/minutes', 'generate', 'minutes.generate', minutesOfficers),
	row('/meetings/[id=uuid]/minutes', 'regenerate', 'minutes.generate', minutesOfficers),
	row('/meetings/[id=uuid]/minutes', 'approve', 'minutes.approve', [...minutesOfficers, ['vice_chair', 403], ['secretary', 403]]),
	row('/meetings/[id=uuid]/minutes', 'circulate', 'minutes.circulate', minutesOfficers),
	row('/meetings/[id=uuid]/minutes', 'answer', 'minutes.confirm', [
		anonymous,
		['administrator', 403],
		['observer', 403],
		['overseer', 403],
		['other_body', 403],
		...offConference
	]),
	row('/meetings/[id=uuid]/minutes', 'comment', 'minutes.comment', [anonymous, ['administrator', 403], ['other_body', 403], ...offConference]),
	row('/meetings/[id=uuid]/minutes', 'resolve', 'minutes.edit', minutesOfficers),
	row('/meetings/[id=uuid]/minutes', 'correct', 'minutes.correct', [...minutesOfficers, ['vice_chair', 403]]),

	row('/my', 'acknowledge', 'account.manage', [anonymous, ['other_user', 'as_unknown']]),

	row('/referrals/[id=uuid]', 'accept', 'referral.respond', receivingSide),
	row('/referrals/[id=uuid]', 'decline', 'referral.respond', receivingSide),
	row('/referrals/[id=uuid]', 'start', 'referral.respond', receivingSide),
	row('/referrals/[id=uuid]', 'progress', 'referral.respond', receivingSide),
	row('/referrals/[id=uuid]', 'complete', 'referral.respond', receivingSide),
	row('/referrals/new', 'default', 'referral.send, case.refer', [
		anonymous,
		['administrator', 403],
		['observer', 403],
		['overseer', 403],
		['other_body', 403],
		['administrator', 404, 'case'],
		['off_team', 404, 'case'],
		['off_team_officer', 404, 'case'],
		['observer', 404, 'case'],
		['other_body', 404, 'case']
	]),

	row('/report', 'default', 'public', []),
	row('/reports/[id=uuid]', 'submit', 'outcome.prepare', reportDraft),
	row('/reports/[id=uuid]', 'refresh', 'outcome.prepare', reportDraft),

	row('/signin', 'default', 'public', []),
	row('/signout', 'default', 'public', [])
];

/** The key of an action, as a form posts to it: `/meetings/[id=uuid] ?/edit`. */
export const formActionKey = (route: string, action: string) => `${route} ?/${action}`;
