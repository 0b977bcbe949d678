import type { Stance, Variant } from '../../server/access/form-actions';
import { body, DAY, type World } from './form-action-world';
import type { FormValues } from './route-actions';
import { bangkokToday } from '../../src/lib/calendar';

/** A demo person's key (server/demo/network.ts, or `outsider`), or `null` for nobody signed in. */
export type Who = string | null;

export interface Request {
	params?: Record<string, string>;
	form?: FormValues;
}

export interface SceneContext {
	world: World;
	/** The id the request is about (or an unknown one in its place). */
	target: string;
	who: Who;
	stance?: Stance;
}

/**
 * How to call one form action on a real target of the demo world. The request
 * is valid: the caller's standing is all that should decide the answer.
 */
export interface Scene {
	/** The id the request is about; an unknown id in its place must answer like a refusal that hides existence. */
	target?: (w: World) => string;
	request: (c: SceneContext) => Request;
	/** Someone allowed (null: anyone); their call succeeds, which shows the request is sound. Absent when the target's state forbids it. */
	allowed?: Who;
	/** The allowed request leaves every row as it was (it only sets a cookie, or asks for what already holds). */
	changesNothing?: true;
	/** Who sends the malformed requests where nobody's call would succeed (the target's state forbids it): someone otherwise allowed. */
	by?: Who;
	/** Who stands how, where it differs from the usual cast. */
	cast?: Partial<Record<Stance, Who>>;
	/** A different target for one stance (the seat handed to oneself is a case-team member's). */
	targets?: Partial<Record<Stance, (w: World) => string>>;
	/** Requests by the allowed person that break one input rule, with the answer expected; none may change anything. */
	malformed?: Record<string, { answer: number; change: (r: Request) => Request }>;
}

export type Scenes = Record<string, Partial<Record<Variant | 'usual', Scene>>>;

/**
 * The usual cast towards a target on the Dok Khamtai working group: each the
 * nearest to being allowed without being so. Case c3's team is the secretary
 * (cdo) and the hospital; the chair and the police are off it.
 */
export const usualCast: Record<Stance, Who> = {
	anonymous: null,
	administrator: 'admin',
	observer: 'ilo',
	member: 'health',
	volunteer: 'watchdog',
	vice_chair: 'school2',
	secretary: 'cdo',
	officer: 'district-officer',
	overseer: 'governor',
	other_body: 'outsider',
	swapped_id: 'outsider',
	lead_representative: 'police',
	other_organisation: 'hospital',
	off_team: 'police',
	off_team_officer: 'district-officer',
	off_team_lead: 'police',
	sending_side: 'cdo',
	successor_self: 'admin',
	other_user: 'hospital'
};

/** The body whose page the request goes through: the caller's own for a swapped id, the working group otherwise. */
export const routeBody = (stance?: Stance) => (stance === 'swapped_id' ? body('doc-pong') : body('dkt-wg'));

export const daysFromNow = (days: number) => bangkokToday(new Date(Date.now() + days * DAY));

/** A BEL in the middle: invisible on screen, refused by every text field. */
export const CONTROL = 'ข้อความ\u0007ที่มีอักขระควบคุม';

/** The same request with some form fields replaced. */
export const withForm =
	(values: FormValues) =>
	(r: Request): Request => ({ ...r, form: { ...r.form, ...values } });
/** The same request with some route parameters replaced. */
export const withParams =
	(values: Record<string, string>) =>
	(r: Request): Request => ({ ...r, params: { ...r.params, ...values } });
