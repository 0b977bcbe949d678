import type { Kysely } from 'kysely';
import * as v from 'valibot';
import type { DB } from '../db/schema';
import type { Standing } from '../db/schema-meeting';
import * as field from '../validate';
import * as repo from './repository/templates';

export interface TemplateItem {
	title_th: string;
	title_en: string;
	standing: Standing | null;
	minutes: number | null;
}

/**
 * The Thai government minute format (รายงานการประชุม), ระเบียบวาระที่ 1–5 in
 * the order government bodies use: the follow-up of actions under 3, cases
 * and tips under 4. A body that has not met yet starts from it until it sets
 * its own.
 */
export const DEFAULT_TEMPLATE: TemplateItem[] = [
	{ standing: null, minutes: 10, title_th: 'เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ', title_en: 'Matters the chair brings to the meeting' },
	{ standing: 'minutes', minutes: 10, title_th: 'เรื่องรับรองรายงานการประชุมครั้งที่แล้ว', title_en: 'Approval of the minutes of the previous meeting' },
	{ standing: 'followup', minutes: 30, title_th: 'เรื่องสืบเนื่องจากการประชุมครั้งที่แล้ว', title_en: 'Matters arising from the previous meeting' },
	{ standing: 'cases', minutes: 40, title_th: 'เรื่องเพื่อพิจารณา', title_en: 'Matters for consideration' },
	{ standing: null, minutes: 10, title_th: 'เรื่องอื่น ๆ', title_en: 'Any other business' }
];

/** The working-group agenda every body started from before; a body that has met without a template of its own keeps it. */
export const WORKING_GROUP_TEMPLATE: TemplateItem[] = [
	{ standing: 'minutes', minutes: 10, title_th: 'รับรองรายงานการประชุมครั้งที่แล้ว', title_en: 'Approval of the previous minutes' },
	{ standing: 'followup', minutes: 30, title_th: 'ติดตามผลการดำเนินงานตามมติครั้งที่แล้ว', title_en: 'Follow-up on past actions' },
	{ standing: 'situation', minutes: 30, title_th: 'สถานการณ์และแนวโน้ม (ข้อมูลจากแต่ละหน่วยงาน)', title_en: 'Situation and trends (data from each sector)' },
	{ standing: 'cases', minutes: 30, title_th: 'กรณีใหม่และเบาะแส', title_en: 'New cases and tips' },
	{ standing: null, minutes: 10, title_th: 'เรื่องอื่น ๆ', title_en: 'Any other business' }
];

/** A case conference's agenda: the case, what the person needs, who does what. Its follow-up is the case's own. */
export const CASE_CONFERENCE_TEMPLATE: TemplateItem[] = [
	{ standing: 'minutes', minutes: 5, title_th: 'รับรองรายงานการประชุมครั้งที่แล้ว', title_en: 'Approval of the previous minutes' },
	{ standing: null, minutes: 15, title_th: 'ข้อเท็จจริงของกรณีและความเสี่ยง', title_en: 'Facts of the case and risks' },
	{ standing: null, minutes: 20, title_th: 'ความต้องการของเด็กหรือผู้รับความช่วยเหลือและแผนการช่วยเหลือรายบุคคล', title_en: 'Needs of the person and the case plan' },
	{ standing: null, minutes: 15, title_th: 'การส่งต่อและหน่วยงานรับผิดชอบ', title_en: 'Referrals and who is responsible' },
	{ standing: null, minutes: 5, title_th: 'เรื่องอื่น ๆ', title_en: 'Any other business' }
];

/**
 * English names of agenda items, by their Thai title: the built-in agendas'
 * and the body's own template's. An item whose title was changed in the
 * meeting has none and shows as written.
 */
export async function englishAgendaTitles(db: Kysely<DB>, bodyId: string): Promise<Record<string, string>> {
	const own = await repo.templateTitles(db, bodyId);
	const names: Record<string, string> = {};
	for (const t of [...DEFAULT_TEMPLATE, ...WORKING_GROUP_TEMPLATE, ...CASE_CONFERENCE_TEMPLATE, ...own])
		if (t.title_en && t.title_en !== t.title_th) names[t.title_th] = t.title_en;
	return names;
}

/** The body's own template; else the agenda it has met with, or, for a body that has not met, the government format. */
export async function getTemplate(db: Kysely<DB>, bodyId: string): Promise<TemplateItem[]> {
	const rows = await repo.templateItems(db, bodyId);
	if (rows.length) return rows;
	// A body that has already met kept the working-group agenda, with nothing stored: it keeps it.
	const met = await repo.endedRegularMeeting(db, bodyId);
	return met ? WORKING_GROUP_TEMPLATE : DEFAULT_TEMPLATE;
}

/** What an agenda item is for when it stands on every agenda; the live document's projection takes the same. */
export const agendaStanding = field.oneOf<Standing>(['minutes', 'followup', 'situation', 'cases', 'aob']);

/** An agenda item's planned minutes; the live document's projection takes the same. */
export const agendaMinutes: field.Field<number> = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600));

const TemplateRow = v.object({
	titleTh: field.line({ max: 300 }),
	titleEn: field.line({ max: 300 }),
	minutes: field.optional(v.pipe(v.unknown(), v.transform(Number), agendaMinutes), null),
	standing: field.optional(agendaStanding, null)
});

/**
 * Reads template rows from a form: rows without a Thai title are dropped; at
 * most 30 items. A row's error names the row and says what is wrong with it
 * (`too_long`, `control_character`, `invalid`).
 */
export function parseTemplate(rows: v.InferInput<typeof TemplateRow>[]): { ok: true; items: TemplateItem[] } | { ok: false; errors: Record<string, string> } {
	const items: TemplateItem[] = [];
	for (const [i, r] of rows.entries()) {
		const { values, errors } = field.parse(TemplateRow, r);
		if (errors.titleTh) return { ok: false, errors: { [`row${i}`]: errors.titleTh } };
		// A row without a Thai title is an empty row, whatever else it holds.
		if (!values.titleTh) continue;
		const error = errors.titleEn ?? errors.minutes ?? errors.standing;
		if (error) return { ok: false, errors: { [`row${i}`]: error } };
		items.push({ title_th: values.titleTh, title_en: values.titleEn || values.titleTh, minutes: values.minutes, standing: values.standing });
	}
	if (items.length > 30) return { ok: false, errors: { template: 'too_long' } };
	return { ok: true, items };
}
