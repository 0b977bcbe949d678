import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { TemplateItem } from '../template';

/** The Thai and English titles of the body's own template. */
export function templateTitles(db: Kysely<DB>, bodyId: string) {
	return db.selectFrom('agenda_template_item').select(['title_th', 'title_en']).where('body_id', '=', bodyId).execute();
}

/** The body's own template, in agenda order; empty when it has set none. */
export function templateItems(db: Kysely<DB>, bodyId: string): Promise<TemplateItem[]> {
	return db
		.selectFrom('agenda_template_item')
		.select(['title_th', 'title_en', 'standing', 'minutes'])
		.where('body_id', '=', bodyId)
		.orderBy('position')
		.execute();
}

/** One of the body's regular meetings (not a case conference) that has ended; undefined when it has none. */
export function endedRegularMeeting(db: Kysely<DB>, bodyId: string) {
	return (
		db
			.selectFrom('meeting')
			.select('id')
			.where('body_id', '=', bodyId)
			.where('case_id', 'is', null)
			// Ended ones only: the meeting being opened may itself be running already.
			.where('status', 'in', ['ended', 'minutes_approved'])
			.limit(1)
			.executeTakeFirst()
	);
}

/** Replaces the body's template; the caller gives the transaction, so the change and its audit land together. */
export async function saveTemplate(tx: Kysely<DB>, bodyId: string, items: TemplateItem[]): Promise<void> {
	await tx.deleteFrom('agenda_template_item').where('body_id', '=', bodyId).execute();
	if (items.length) {
		await tx
			.insertInto('agenda_template_item')
			.values(items.map((it, i) => ({ body_id: bodyId, position: i + 1, ...it })))
			.execute();
	}
}
