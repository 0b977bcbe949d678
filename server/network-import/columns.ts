import type { AreaLevel, BodyKind, Cadence, OrgLevel, Role, Sector } from '../db/schema';

/** The three kinds of sheet an import or export holds. */
export type Entity = 'organisations' | 'bodies' | 'people';
export const ENTITIES: Entity[] = ['organisations', 'bodies', 'people'];

export interface Column {
	key: string;
	th: string;
	en: string;
	required?: boolean;
}

/**
 * The template's columns. Thai headers are what the template writes; the
 * English ones are accepted too. Each sheet's name column says whose name it
 * is, so a CSV (one sheet, no name) is recognised by its headers alone.
 */
export const COLUMNS: Record<Entity, Column[]> = {
	organisations: [
		{ key: 'name_th', th: 'ชื่อหน่วยงาน (ไทย)', en: 'Organisation name (Thai)', required: true },
		{ key: 'name_en', th: 'ชื่อหน่วยงาน (อังกฤษ)', en: 'Organisation name (English)', required: true },
		{ key: 'short_name', th: 'ชื่อย่อ', en: 'Short name', required: true },
		{ key: 'sector', th: 'ประเภทหน่วยงาน', en: 'Kind of organisation', required: true },
		{ key: 'level', th: 'ระดับ', en: 'Level', required: true },
		{ key: 'area', th: 'พื้นที่', en: 'Area' },
		{ key: 'phone', th: 'โทรศัพท์', en: 'Phone' },
		{ key: 'email', th: 'อีเมล', en: 'E-mail' }
	],
	bodies: [
		{ key: 'name_th', th: 'ชื่อคณะ (ไทย)', en: 'Body name (Thai)', required: true },
		{ key: 'name_en', th: 'ชื่อคณะ (อังกฤษ)', en: 'Body name (English)', required: true },
		{ key: 'kind', th: 'ประเภทคณะ', en: 'Kind of body', required: true },
		{ key: 'area', th: 'พื้นที่', en: 'Area', required: true },
		{ key: 'level', th: 'ระดับ', en: 'Level' },
		{ key: 'parent', th: 'คณะต้นสังกัด', en: 'Parent body' },
		{ key: 'secretariat', th: 'หน่วยงานเลขานุการ', en: 'Secretariat' },
		{ key: 'cadence', th: 'รอบการประชุม', en: 'Cadence' },
		{ key: 'case_prefix', th: 'อักษรนำรหัสกรณี', en: 'Case prefix' }
	],
	people: [
		{ key: 'username', th: 'ชื่อผู้ใช้', en: 'Username' },
		{ key: 'email', th: 'อีเมล', en: 'E-mail' },
		{ key: 'display_name', th: 'ชื่อ-นามสกุล', en: 'Display name', required: true },
		{ key: 'phone', th: 'โทรศัพท์', en: 'Phone' },
		{ key: 'organisation', th: 'หน่วยงาน', en: 'Organisation' },
		{ key: 'body', th: 'คณะ', en: 'Body' },
		{ key: 'role', th: 'บทบาท', en: 'Role' },
		{ key: 'alternate_of', th: 'ผู้แทนสำรองของ', en: 'Alternate of' },
		{ key: 'starts_on', th: 'วันเริ่ม', en: 'Start date' },
		// Added last, so a sheet filled by column position before they existed still reads the same.
		{ key: 'name_title', th: 'คำนำหน้าชื่อหรือยศ', en: 'Title or rank' },
		{ key: 'position', th: 'ตำแหน่ง', en: 'Official position' }
	]
};

export const SHEET_NAMES: Record<Entity, { th: string; en: string }> = {
	organisations: { th: 'หน่วยงาน', en: 'Organisations' },
	bodies: { th: 'คณะ', en: 'Bodies' },
	people: { th: 'บุคคล', en: 'People' }
};

/** One example row per sheet, drawn from the demo's Dok Khamtai district. */
export const EXAMPLES: Record<Entity, Record<string, string>> = {
	organisations: {
		name_th: 'โรงพยาบาลดอกคำใต้',
		name_en: 'Dok Khamtai Hospital',
		short_name: 'รพ.ดอกคำใต้',
		sector: 'โรงพยาบาล',
		level: 'อำเภอ',
		area: 'อำเภอดอกคำใต้',
		phone: '054 491 300',
		email: ''
	},
	bodies: {
		name_th: 'เครือข่ายอาสาสมัครเฝ้าระวังอำเภอดอกคำใต้',
		name_en: 'Dok Khamtai Watchdog Volunteer Network',
		kind: 'เครือข่ายอาสาสมัคร',
		area: 'อำเภอดอกคำใต้',
		level: 'อำเภอ',
		parent: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้',
		secretariat: 'พช.ดอกคำใต้',
		cadence: 'ทุกไตรมาส',
		case_prefix: ''
	},
	people: {
		username: 'somsri.k',
		email: 'somsri.k@example.org',
		display_name: 'สมศรี คำมา',
		name_title: 'นางสาว',
		position: 'อาสาสมัครเฝ้าระวังประจำหมู่บ้าน',
		phone: '081 234 5678',
		organisation: 'อาสาสมัครเฝ้าระวังดอกคำใต้',
		body: 'เครือข่ายอาสาสมัครเฝ้าระวังอำเภอดอกคำใต้',
		role: 'อาสาสมัคร',
		alternate_of: '',
		starts_on: '1/10/2569'
	}
};

/** A value as compared: the same letters whatever the spacing and case. */
export const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

const labels = <T extends string>(entries: Record<T, [string, string]>) => entries;
export const ROLE_WORDS = labels<Role>({
	chair: ['ประธาน', 'Chair'],
	vice_chair: ['รองประธาน', 'Vice-chair'],
	secretary: ['เลขานุการ', 'Secretary'],
	member: ['กรรมการ/สมาชิก', 'Member'],
	observer: ['ผู้สังเกตการณ์', 'Observer'],
	volunteer: ['อาสาสมัคร', 'Volunteer']
});
export const SECTOR_WORDS = labels<Sector>({
	police: ['ตำรวจ', 'Police'],
	justice: ['ยุติธรรม/อัยการ', 'Justice'],
	health: ['สาธารณสุข', 'Health'],
	hospital: ['โรงพยาบาล', 'Hospital'],
	education: ['การศึกษา/โรงเรียน', 'Education'],
	social_development: ['พัฒนาสังคม', 'Social development'],
	labour: ['แรงงาน', 'Labour'],
	local_administration: ['องค์กรปกครองส่วนท้องถิ่น', 'Local administration'],
	district_office: ['ที่ว่าการอำเภอ', 'District office'],
	ngo: ['องค์กรพัฒนาเอกชน', 'NGO'],
	international: ['องค์การระหว่างประเทศ', 'International'],
	community: ['ชุมชน', 'Community'],
	other: ['อื่น ๆ', 'Other']
});
export const KIND_WORDS = labels<Exclude<BodyKind, 'case_team'>>({
	operation_centre: ['ศูนย์ปฏิบัติการ', 'Operation centre'],
	committee: ['คณะกรรมการ', 'Committee'],
	subcommittee: ['คณะอนุกรรมการ', 'Subcommittee'],
	working_group: ['คณะทำงาน', 'Working group'],
	volunteer_network: ['เครือข่ายอาสาสมัคร', 'Volunteer network']
});
export const LEVEL_WORDS = labels<OrgLevel>({
	national: ['ประเทศ', 'National'],
	province: ['จังหวัด', 'Province'],
	district: ['อำเภอ', 'District'],
	subdistrict: ['ตำบล', 'Subdistrict'],
	village: ['หมู่บ้าน', 'Village']
});
export const CADENCE_WORDS = labels<Cadence>({
	monthly: ['ทุกเดือน', 'Monthly'],
	bimonthly: ['ทุกสองเดือน', 'Bimonthly'],
	quarterly: ['ทุกไตรมาส', 'Quarterly'],
	as_needed: ['ตามความจำเป็น', 'As needed']
});

/** A code from its code, Thai word or English word; null when none fits. */
export function wordToCode<T extends string>(words: Record<T, [string, string]>, value: string): T | null {
	const n = norm(value);
	for (const [code, [th, en]] of Object.entries(words) as [T, [string, string]][]) {
		if (n === code || n === norm(th) || n === norm(en) || n === code.replace(/_/g, ' ')) return code;
	}
	return null;
}

export type { AreaLevel };
