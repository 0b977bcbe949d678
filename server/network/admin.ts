import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { AreaLevel, BodyKind, DB, OrgLevel, Sector } from '../db/schema';
import * as v from '../validate';
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
	const [areas, organisations, bodies] = await Promise.all([
		db.selectFrom('area').select(['id', 'name_th', 'name_en', 'level']).orderBy('code').execute(),
		db
			.selectFrom('organisation')
			.select(['id', 'name_th', 'name_en', 'short_name', 'sector', 'level', 'active', 'contact_phone', 'contact_email'])
			.orderBy('name_th')
			.execute(),
		db.selectFrom('body').select(['id', 'name_th', 'name_en', 'kind', 'level']).where('kind', '!=', 'case_team').orderBy('level').orderBy('name_th').execute()
	]);
	return { areas, organisations, bodies };
}

export interface OrganisationInput {
	nameTh: unknown;
	nameEn: unknown;
	shortName: unknown;
	sector: unknown;
	level: unknown;
	areaId: unknown;
	phone: unknown;
	email: unknown;
	address: unknown;
}

export async function createOrganisation(
	db: Kysely<DB>,
	actor: Actor | null,
	input: OrganisationInput,
	clientAddress: string | null
): Promise<{ ok: true; id: string } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'network.manage', { kind: 'system' }, { clientAddress });
	const { values, errors } = v.collect({
		nameTh: v.text(input.nameTh, { required: true, max: 300 }),
		nameEn: v.text(input.nameEn, { required: true, max: 300 }),
		shortName: v.text(input.shortName, { required: true, max: 60 }),
		sector: v.oneOf(input.sector, SECTORS),
		level: v.oneOf(input.level, ORG_LEVELS),
		phone: v.phone(input.phone),
		email: v.email(input.email),
		address: v.text(input.address, { max: 500 })
	});
	const area = input.areaId ? v.uuid(input.areaId) : ({ ok: true, value: null } as const);
	const problems: Errors = { ...(errors as Errors) };
	if (!area.ok) problems.areaId = area.error;
	if (Object.keys(problems).length || !area.ok) return { ok: false, errors: problems };
	if (area.value && !(await db.selectFrom('area').select('id').where('id', '=', area.value).executeTakeFirst()))
		return { ok: false, errors: { areaId: 'invalid' } };
	const row = await db.transaction().execute(async (tx) => {
		const r = await tx
			.insertInto('organisation')
			.values({
				name_th: values.nameTh,
				name_en: values.nameEn,
				short_name: values.shortName,
				sector: values.sector,
				level: values.level,
				area_id: area.value,
				contact_phone: values.phone,
				contact_email: values.email,
				contact_address: values.address || null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(tx, { actorId: actor!.userId, action: 'organisation.create', outcome: 'success', targetType: 'organisation', targetId: r.id, clientAddress });
		return r;
	});
	return { ok: true, id: row.id };
}

export async function setOrganisationActive(db: Kysely<DB>, actor: Actor | null, id: unknown, active: boolean, clientAddress: string | null): Promise<boolean> {
	await requireAccess(db, actor, 'network.manage', { kind: 'system' }, { clientAddress });
	const oid = v.uuid(id);
	if (!oid.ok) return false;
	return db.transaction().execute(async (tx) => {
		const r = await tx.updateTable('organisation').set({ active }).where('id', '=', oid.value).executeTakeFirst();
		if (Number(r.numUpdatedRows) !== 1) return false;
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

export interface BodyInput {
	nameTh: unknown;
	nameEn: unknown;
	kind: unknown;
	areaId: unknown;
	parentId: unknown;
	secretariatId: unknown;
	cadence: unknown;
	quorum: unknown;
}

export async function createBody(
	db: Kysely<DB>,
	actor: Actor | null,
	input: BodyInput,
	clientAddress: string | null
): Promise<{ ok: true; id: string } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'network.manage', { kind: 'system' }, { clientAddress });
	const { values, errors } = v.collect({
		nameTh: v.text(input.nameTh, { required: true, max: 300 }),
		nameEn: v.text(input.nameEn, { required: true, max: 300 }),
		kind: v.oneOf(input.kind, BODY_KINDS),
		areaId: v.uuid(input.areaId),
		cadence: v.oneOf(input.cadence ?? 'monthly', CADENCES),
		quorum: v.oneOf(input.quorum ?? 'half', QUORUM_RULES)
	});
	const problems: Errors = { ...(errors as Errors) };
	const optional = (x: unknown, key: string) => {
		if (!x) return null;
		const id = v.uuid(x);
		if (!id.ok) problems[key] = id.error;
		return id.ok ? id.value : null;
	};
	const parentId = optional(input.parentId, 'parentId');
	const secretariatId = optional(input.secretariatId, 'secretariatId');
	if (Object.keys(problems).length) return { ok: false, errors: problems };
	const area = await db.selectFrom('area').select(['id', 'level']).where('id', '=', values.areaId).executeTakeFirst();
	if (!area) return { ok: false, errors: { areaId: 'invalid' } };
	if (parentId && !(await db.selectFrom('body').select('id').where('id', '=', parentId).executeTakeFirst()))
		return { ok: false, errors: { parentId: 'invalid' } };
	if (secretariatId && !(await db.selectFrom('organisation').select('id').where('id', '=', secretariatId).executeTakeFirst()))
		return { ok: false, errors: { secretariatId: 'invalid' } };
	const row = await db.transaction().execute(async (tx) => {
		const r = await tx
			.insertInto('body')
			.values({
				name_th: values.nameTh,
				name_en: values.nameEn,
				kind: values.kind,
				level: area.level,
				area_id: area.id,
				parent_id: parentId,
				secretariat_organisation_id: secretariatId,
				cadence: values.cadence,
				quorum_rule: values.quorum
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(tx, { actorId: actor!.userId, action: 'body.create', outcome: 'success', targetType: 'body', targetId: r.id, clientAddress });
		return r;
	});
	return { ok: true, id: row.id };
}
