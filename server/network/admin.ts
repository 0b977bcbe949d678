import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { AreaLevel, BodyKind, DB, OrgLevel, Sector } from '../db/schema';
import * as field from '../validate';
import * as areaRepo from './repository/areas';
import * as bodyRepo from './repository/bodies';
import * as organisationRepo from './repository/organisations';
import { CADENCES, QUORUM_RULES } from './service';

type Errors = Record<string, string>;
export const SECTORS: Sector[] = [
	'police',
	'justice',
	'health',
	'hospital',
	'education',
	'social_development',
	'labour',
	'local_administration',
	'district_office',
	'ngo',
	'international',
	'community',
	'other'
];
export const BODY_KINDS: BodyKind[] = ['operation_centre', 'committee', 'subcommittee', 'working_group', 'volunteer_network'];
const AREA_LEVELS: AreaLevel[] = ['province', 'district', 'subdistrict', 'village'];
const ORG_LEVELS: OrgLevel[] = ['national', ...AREA_LEVELS];

/** What an administrator picks from: areas, organisations and bodies. */
export async function networkAdmin(db: Kysely<DB>, actor: Actor | null) {
	await requireAccess(db, actor, 'network.manage', { kind: 'system' });
	const [areas, organisations, bodies] = await Promise.all([areaRepo.listAreas(db), organisationRepo.listOrganisations(db), bodyRepo.listBodyNames(db)]);
	return { areas, organisations, bodies };
}

/** The longest name of an organisation or a body, and an organisation's short name; a network imported from a spreadsheet holds to them too. */
export const NAME_MAX = 300;
export const SHORT_NAME_MAX = 60;

const OrganisationInput = v.object({
	nameTh: field.text({ required: true, max: NAME_MAX }),
	nameEn: field.text({ required: true, max: NAME_MAX }),
	shortName: field.text({ required: true, max: SHORT_NAME_MAX }),
	sector: field.oneOf(SECTORS),
	level: field.oneOf(ORG_LEVELS),
	areaId: field.optional(field.uuid, null),
	phone: field.phone,
	email: field.email,
	address: field.text({ max: 500 })
});
export type OrganisationInput = v.InferInput<typeof OrganisationInput>;

export async function createOrganisation(
	db: Kysely<DB>,
	actor: Actor | null,
	input: OrganisationInput,
	clientAddress: string | null
): Promise<{ ok: true; id: string } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'network.manage', { kind: 'system' }, { clientAddress });
	const { values, errors } = field.parse(OrganisationInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	if (values.areaId && !(await areaRepo.areaExists(db, values.areaId))) return { ok: false, errors: { areaId: 'invalid' } };
	const row = await db.transaction().execute(async (tx) => {
		const r = await organisationRepo.insertOrganisation(tx, {
			name_th: values.nameTh,
			name_en: values.nameEn,
			short_name: values.shortName,
			sector: values.sector,
			level: values.level,
			area_id: values.areaId,
			contact_phone: values.phone,
			contact_email: values.email,
			contact_address: values.address || null
		});
		await audit(tx, { actorId: actor!.userId, action: 'organisation.create', outcome: 'success', targetType: 'organisation', targetId: r.id, clientAddress });
		return r;
	});
	return { ok: true, id: row.id };
}

export async function setOrganisationActive(db: Kysely<DB>, actor: Actor | null, id: unknown, active: boolean, clientAddress: string | null): Promise<boolean> {
	await requireAccess(db, actor, 'network.manage', { kind: 'system' }, { clientAddress });
	const oid = field.check(field.uuid, id);
	if (!oid.ok) return false;
	return db.transaction().execute(async (tx) => {
		if ((await organisationRepo.updateOrganisationActive(tx, oid.value, active)) !== 1) return false;
		await audit(tx, {
			actorId: actor!.userId,
			action: active ? 'organisation.activate' : 'organisation.deactivate',
			outcome: 'success',
			targetType: 'organisation',
			targetId: oid.value,
			clientAddress
		});
		return true;
	});
}

const BodyInput = v.object({
	nameTh: field.text({ required: true, max: NAME_MAX }),
	nameEn: field.text({ required: true, max: NAME_MAX }),
	kind: field.oneOf(BODY_KINDS),
	areaId: field.uuid,
	parentId: field.optional(field.uuid, null),
	secretariatId: field.optional(field.uuid, null),
	cadence: v.nullish(field.oneOf(CADENCES), 'monthly'),
	quorum: v.nullish(field.oneOf(QUORUM_RULES), 'half')
});
export type BodyInput = v.InferInput<typeof BodyInput>;

export async function createBody(
	db: Kysely<DB>,
	actor: Actor | null,
	input: BodyInput,
	clientAddress: string | null
): Promise<{ ok: true; id: string } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'network.manage', { kind: 'system' }, { clientAddress });
	const { values, errors } = field.parse(BodyInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	const { parentId, secretariatId } = values;
	const area = await areaRepo.getArea(db, values.areaId);
	if (!area) return { ok: false, errors: { areaId: 'invalid' } };
	if (parentId && !(await bodyRepo.bodyExists(db, parentId))) return { ok: false, errors: { parentId: 'invalid' } };
	if (secretariatId && !(await organisationRepo.organisationExists(db, secretariatId))) return { ok: false, errors: { secretariatId: 'invalid' } };
	const row = await db.transaction().execute(async (tx) => {
		const r = await bodyRepo.insertBody(tx, {
			name_th: values.nameTh,
			name_en: values.nameEn,
			kind: values.kind,
			level: area.level,
			area_id: area.id,
			parent_id: parentId,
			secretariat_organisation_id: secretariatId,
			cadence: values.cadence,
			quorum_rule: values.quorum
		});
		await audit(tx, { actorId: actor!.userId, action: 'body.create', outcome: 'success', targetType: 'body', targetId: r.id, clientAddress });
		return r;
	});
	return { ok: true, id: row.id };
}
