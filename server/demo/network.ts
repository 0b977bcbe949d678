import type { AreaLevel, BodyKind, Cadence, OrgLevel, QuorumRule, Role, Sector } from '../db/schema';

/**
 * The demo network: Phayao province as the ILO/TICW account describes it.
 * Every person is fictional. Keys are stable so the seed can run twice.
 */

export interface DemoArea {
	key: string;
	parent?: string;
	level: AreaLevel;
	code: string;
	th: string;
	en: string;
}
export interface DemoOrg {
	key: string;
	th: string;
	en: string;
	short: string;
	sector: Sector;
	level: OrgLevel;
	area: string;
	phone?: string;
	email?: string;
}
export interface DemoBody {
	key: string;
	th: string;
	en: string;
	kind: BodyKind;
	level: AreaLevel;
	area: string;
	parent?: string;
	secretariat?: string;
	cadence: Cadence;
	quorum: QuorumRule;
	termsTh: string;
	termsEn: string;
}
export interface DemoPerson {
	key: string;
	username: string;
	name: string;
	/** นาย, นาง, นางสาว or a rank, and the official position: the minutes print both. */
	title?: string;
	position?: string;
	locale?: 'th' | 'en';
	admin?: boolean;
	phone?: string;
}
export interface DemoSeat {
	body: string;
	person: string;
	org: string;
	role: Role;
	alternate?: string;
}

const districts: [string, string, string][] = [
	['muang', 'เมืองพะเยา', 'Mueang Phayao'],
	['chiangkham', 'เชียงคำ', 'Chiang Kham'],
	['chiangmuan', 'เชียงม่วน', 'Chiang Muan'],
	['chun', 'จุน', 'Chun'],
	['dkt', 'ดอกคำใต้', 'Dok Khamtai'],
	['maechai', 'แม่ใจ', 'Mae Chai'],
	['pong', 'ปง', 'Pong'],
	['phusang', 'ภูซาง', 'Phu Sang'],
	['phukamyao', 'ภูกามยาว', 'Phu Kamyao']
];

export const areas: DemoArea[] = [
	{ key: 'phayao', level: 'province', code: 'TH-56', th: 'จังหวัดพะเยา', en: 'Phayao Province' },
	...districts.map(([k, th, en], i) => ({
		key: k,
		parent: 'phayao',
		level: 'district' as const,
		code: `TH-56-${String(i + 1).padStart(2, '0')}`,
		th: `อำเภอ${th}`,
		en: `${en} District`
	})),
	{ key: 'dkt-dokkhamtai', parent: 'dkt', level: 'subdistrict', code: 'TH-56-05-01', th: 'ตำบลดอกคำใต้', en: 'Dok Khamtai Subdistrict' },
	{ key: 'dkt-banthum', parent: 'dkt', level: 'subdistrict', code: 'TH-56-05-03', th: 'ตำบลบ้านถ้ำ', en: 'Ban Tham Subdistrict' },
	{ key: 'dkt-huailan', parent: 'dkt', level: 'subdistrict', code: 'TH-56-05-05', th: 'ตำบลห้วยลาน', en: 'Huai Lan Subdistrict' },
	{ key: 'dkt-banthum-v3', parent: 'dkt-banthum', level: 'village', code: 'TH-56-05-03-03', th: 'บ้านถ้ำสบต๋ำ หมู่ 3', en: 'Ban Tham Sop Tam, Moo 3' },
	{ key: 'dkt-huailan-v7', parent: 'dkt-huailan', level: 'village', code: 'TH-56-05-05-07', th: 'บ้านห้วยลาน หมู่ 7', en: 'Ban Huai Lan, Moo 7' }
];

export const organisations: DemoOrg[] = [
	// Province
	{
		key: 'governor',
		th: 'สำนักงานจังหวัดพะเยา',
		en: 'Phayao Provincial Office',
		short: 'สนจ.พะเยา',
		sector: 'other',
		level: 'province',
		area: 'phayao',
		phone: '054 449 000'
	},
	{
		key: 'pmj',
		th: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพะเยา',
		en: 'Phayao Provincial Social Development and Human Security Office',
		short: 'พมจ.พะเยา',
		sector: 'social_development',
		level: 'province',
		area: 'phayao',
		phone: '054 410 123',
		email: 'pmj-phayao@example.org'
	},
	{
		key: 'prov-police',
		th: 'ตำรวจภูธรจังหวัดพะเยา',
		en: 'Phayao Provincial Police',
		short: 'ภ.จว.พะเยา',
		sector: 'police',
		level: 'province',
		area: 'phayao',
		phone: '054 431 191'
	},
	{
		key: 'attorney',
		th: 'สำนักงานอัยการจังหวัดพะเยา',
		en: 'Phayao Provincial Attorney Office',
		short: 'อสจ.พะเยา',
		sector: 'justice',
		level: 'province',
		area: 'phayao'
	},
	{
		key: 'prov-health',
		th: 'สำนักงานสาธารณสุขจังหวัดพะเยา',
		en: 'Phayao Provincial Public Health Office',
		short: 'สสจ.พะเยา',
		sector: 'health',
		level: 'province',
		area: 'phayao'
	},
	{
		key: 'prov-education',
		th: 'สำนักงานศึกษาธิการจังหวัดพะเยา',
		en: 'Phayao Provincial Education Office',
		short: 'ศธจ.พะเยา',
		sector: 'education',
		level: 'province',
		area: 'phayao'
	},
	{
		key: 'prov-labour',
		th: 'สำนักงานแรงงานจังหวัดพะเยา',
		en: 'Phayao Provincial Labour Office',
		short: 'สรจ.พะเยา',
		sector: 'labour',
		level: 'province',
		area: 'phayao'
	},
	{
		key: 'prov-stats',
		th: 'สำนักงานสถิติจังหวัดพะเยา',
		en: 'Phayao Provincial Statistics Office',
		short: 'สำนักงานสถิติจังหวัดพะเยา',
		sector: 'other',
		level: 'province',
		area: 'phayao'
	},
	{
		key: 'shelter',
		th: 'บ้านพักเด็กและครอบครัวจังหวัดพะเยา',
		en: 'Phayao Children and Family Shelter',
		short: 'บพด.พะเยา',
		sector: 'social_development',
		level: 'province',
		area: 'phayao',
		phone: '054 411 456'
	},
	{
		key: 'ilo',
		th: 'โครงการ ILO-TICW ภาคเหนือ',
		en: 'ILO-TICW Northern Project',
		short: 'ILO-TICW',
		sector: 'international',
		level: 'province',
		area: 'phayao'
	},
	// Dok Khamtai district
	{
		key: 'dkt-office',
		th: 'ที่ว่าการอำเภอดอกคำใต้',
		en: 'Dok Khamtai District Office',
		short: 'อ.ดอกคำใต้',
		sector: 'district_office',
		level: 'district',
		area: 'dkt',
		phone: '054 491 111'
	},
	{
		key: 'dkt-police',
		th: 'สถานีตำรวจภูธรดอกคำใต้',
		en: 'Dok Khamtai Police Station',
		short: 'สภ.ดอกคำใต้',
		sector: 'police',
		level: 'district',
		area: 'dkt',
		phone: '054 491 191'
	},
	{
		key: 'dkt-health',
		th: 'สำนักงานสาธารณสุขอำเภอดอกคำใต้',
		en: 'Dok Khamtai District Health Office',
		short: 'สสอ.ดอกคำใต้',
		sector: 'health',
		level: 'district',
		area: 'dkt'
	},
	{
		key: 'dkt-hospital',
		th: 'โรงพยาบาลดอกคำใต้',
		en: 'Dok Khamtai Hospital',
		short: 'รพ.ดอกคำใต้',
		sector: 'hospital',
		level: 'district',
		area: 'dkt',
		phone: '054 491 300'
	},
	{
		key: 'dkt-cdo',
		th: 'สำนักงานพัฒนาชุมชนอำเภอดอกคำใต้',
		en: 'Dok Khamtai District Community Development Office',
		short: 'พช.ดอกคำใต้',
		sector: 'district_office',
		level: 'district',
		area: 'dkt'
	},
	{
		key: 'dkt-school1',
		th: 'โรงเรียนดอกคำใต้วิทยา',
		en: 'Dok Khamtai Wittaya School',
		short: 'ร.ร.ดอกคำใต้วิทยา',
		sector: 'education',
		level: 'district',
		area: 'dkt'
	},
	{
		key: 'dkt-school2',
		th: 'โรงเรียนห้วยลานพัฒนศึกษา',
		en: 'Huai Lan Phatthana Suksa School',
		short: 'ร.ร.ห้วยลานฯ',
		sector: 'education',
		level: 'district',
		area: 'dkt-huailan'
	},
	{
		key: 'dkt-college',
		th: 'วิทยาลัยการอาชีพดอกคำใต้',
		en: 'Dok Khamtai Vocational College',
		short: 'วก.ดอกคำใต้',
		sector: 'education',
		level: 'district',
		area: 'dkt'
	},
	{
		key: 'ymca',
		th: 'สมาคมวายเอ็มซีเอพะเยา',
		en: 'YMCA Phayao',
		short: 'YMCA พะเยา',
		sector: 'ngo',
		level: 'province',
		area: 'phayao',
		phone: '054 482 555',
		email: 'ymca-phayao@example.org'
	},
	{
		key: 'child-ngo',
		th: 'มูลนิธิพิทักษ์สิทธิเด็กและสตรีพะเยา',
		en: 'Phayao Foundation for the Rights of Children and Women',
		short: 'มพด.พะเยา',
		sector: 'ngo',
		level: 'province',
		area: 'phayao'
	},
	{
		key: 'dkt-women',
		th: 'กลุ่มพัฒนาบทบาทสตรีอำเภอดอกคำใต้',
		en: "Dok Khamtai Women's Development Group",
		short: 'กลุ่มสตรีดอกคำใต้',
		sector: 'community',
		level: 'district',
		area: 'dkt'
	},
	{
		key: 'dkt-municipality',
		th: 'เทศบาลตำบลดอกคำใต้',
		en: 'Dok Khamtai Subdistrict Municipality',
		short: 'ทต.ดอกคำใต้',
		sector: 'local_administration',
		level: 'subdistrict',
		area: 'dkt-dokkhamtai'
	},
	{
		key: 'dkt-sao-banthum',
		th: 'องค์การบริหารส่วนตำบลบ้านถ้ำ',
		en: 'Ban Tham Subdistrict Administrative Organisation',
		short: 'อบต.บ้านถ้ำ',
		sector: 'local_administration',
		level: 'subdistrict',
		area: 'dkt-banthum'
	},
	{
		key: 'dkt-esa',
		th: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต 2',
		en: 'Phayao Primary Educational Service Area Office 2',
		short: 'สพป.พะเยา 2',
		sector: 'education',
		level: 'district',
		area: 'dkt'
	},
	{
		key: 'dkt-watchdog',
		th: 'อาสาสมัครเฝ้าระวังชุมชนอำเภอดอกคำใต้',
		en: 'Dok Khamtai Community Watchdog Volunteers',
		short: 'อาสาสมัครเฝ้าระวังดอกคำใต้',
		sector: 'community',
		level: 'district',
		area: 'dkt'
	},
	{
		key: 'dkt-labour',
		th: 'ศูนย์บริการจัดหางานอำเภอดอกคำใต้',
		en: 'Dok Khamtai Employment Service Centre',
		short: 'ศูนย์จัดหางานดอกคำใต้',
		sector: 'labour',
		level: 'district',
		area: 'dkt'
	}
];

const dktTermsTh =
	'เฝ้าระวังและป้องกันการค้ามนุษย์ การทารุณกรรม และการแสวงประโยชน์ต่อเด็กและสตรี ให้ความช่วยเหลือตามความจำเป็นหรือส่งต่อหน่วยงานที่เกี่ยวข้อง ประชุมทุกเดือนและเมื่อมีกรณีเกิดขึ้น';
const dktTermsEn =
	'Watch for and prevent trafficking, abuse and exploitation of children and women; assist as necessary or refer cases to the relevant authorities. Meets monthly and whenever a case arises.';

export const bodies: DemoBody[] = [
	{
		key: 'poc',
		th: 'ศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัดพะเยา',
		en: 'Phayao Provincial Operation Centre against Human Trafficking',
		kind: 'operation_centre',
		level: 'province',
		area: 'phayao',
		secretariat: 'pmj',
		cadence: 'quarterly',
		quorum: 'half',
		termsTh: 'ผู้ว่าราชการจังหวัดเป็นประธาน สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดเป็นเลขานุการ กำหนดนโยบาย แผน และประสานงานป้องกัน ปราบปราม ช่วยเหลือคุ้มครอง และฟื้นฟูผู้เสียหาย',
		termsEn:
			'Chaired by the governor with the provincial social development office as secretariat: sets policy and plans and coordinates prevention, suppression, protection and rehabilitation.'
	},
	...(
		[
			['rescue', 'คณะอนุกรรมการด้านการช่วยเหลือ', 'Rescue Subcommittee', 'prov-police'],
			['legal', 'คณะอนุกรรมการด้านกฎหมาย', 'Legal Subcommittee', 'attorney'],
			['rehab', 'คณะอนุกรรมการด้านการฟื้นฟู', 'Rehabilitation Subcommittee', 'shelter'],
			['coord', 'คณะอนุกรรมการด้านการประสานงาน', 'Coordination Subcommittee', 'pmj'],
			['policy', 'คณะอนุกรรมการด้านนโยบาย', 'Policy Subcommittee', 'governor'],
			['info', 'คณะอนุกรรมการด้านข้อมูลสารสนเทศ', 'Information Subcommittee', 'prov-stats']
		] as const
	).map(([k, th, en, sec]) => ({
		key: `poc-${k}`,
		th: `${th} จังหวัดพะเยา`,
		en: `${en}, Phayao`,
		kind: 'subcommittee' as const,
		level: 'province' as const,
		area: 'phayao',
		parent: 'poc',
		secretariat: sec,
		cadence: 'bimonthly' as const,
		quorum: 'half' as const,
		termsTh: '',
		termsEn: ''
	})),
	...districts
		.filter(([k]) => k !== 'dkt')
		.map(([k, th, en]) => ({
			key: `doc-${k}`,
			th: `ศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์อำเภอ${th}`,
			en: `${en} District Operation Centre against Human Trafficking`,
			kind: 'operation_centre' as const,
			level: 'district' as const,
			area: k,
			parent: 'poc',
			cadence: 'quarterly' as const,
			quorum: 'half' as const,
			termsTh: 'รับแจ้งและดำเนินการ สืบสวนวิเคราะห์สถานการณ์ ฟื้นฟูและส่งกลับ ประสานงานสหวิชาชีพ และรายงานผลต่อศูนย์จังหวัด',
			termsEn:
				'Receives calls for help, investigates, rehabilitates and returns victims, coordinates the sectors and reports outcomes to the provincial centre.'
		})),
	{
		key: 'dkt-committee',
		th: 'คณะกรรมการศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์อำเภอดอกคำใต้',
		en: 'Dok Khamtai District Committee against Human Trafficking',
		kind: 'committee',
		level: 'district',
		area: 'dkt',
		parent: 'poc',
		secretariat: 'ymca',
		cadence: 'quarterly',
		quorum: 'half',
		termsTh: 'กำกับดูแลศูนย์ปฏิบัติการอำเภอ แต่งตั้งคณะทำงาน และรายงานผลต่อศูนย์ปฏิบัติการจังหวัด',
		termsEn: 'Oversees the district operation centre, appoints working groups and reports to the provincial operation centre.'
	},
	{
		key: 'doc-dkt',
		th: 'ศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์อำเภอดอกคำใต้',
		en: 'Dok Khamtai District Operation Centre against Human Trafficking',
		kind: 'operation_centre',
		level: 'district',
		area: 'dkt',
		parent: 'dkt-committee',
		secretariat: 'ymca',
		cadence: 'quarterly',
		quorum: 'half',
		termsTh: 'รับแจ้งและดำเนินการ สืบสวนวิเคราะห์สถานการณ์ ฟื้นฟูและส่งกลับ ประสานงานสหวิชาชีพ และรายงานผลต่อศูนย์จังหวัด',
		termsEn: 'Receives calls for help, investigates, rehabilitates and returns victims, coordinates the sectors and reports outcomes to the provincial centre.'
	},
	{
		key: 'dkt-wg',
		th: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้',
		en: 'Dok Khamtai Multidisciplinary Working Group',
		kind: 'working_group',
		level: 'district',
		area: 'dkt',
		parent: 'dkt-committee',
		secretariat: 'dkt-cdo',
		cadence: 'monthly',
		quorum: 'half',
		termsTh: dktTermsTh,
		termsEn: dktTermsEn
	},
	{
		key: 'dkt-watch',
		th: 'เครือข่ายอาสาสมัครเฝ้าระวังอำเภอดอกคำใต้',
		en: 'Dok Khamtai Watchdog Volunteer Network',
		kind: 'volunteer_network',
		level: 'district',
		area: 'dkt',
		parent: 'dkt-wg',
		secretariat: 'dkt-cdo',
		cadence: 'quarterly',
		quorum: 'none',
		termsTh: 'อาสาสมัครในหมู่บ้านเฝ้าระวัง แจ้งเบาะแส และสำรวจสถานการณ์เด็กในชุมชน',
		termsEn: 'Village volunteers watch, report tips and survey the situation of children in their communities.'
	}
];

export const people: DemoPerson[] = [
	{ key: 'admin', username: 'admin', name: 'ผู้ดูแลระบบ', admin: true },
	{ key: 'governor', username: 'prasert', name: 'ประเสริฐ วงศ์ใหญ่', title: 'นาย', position: 'ผู้ว่าราชการจังหวัดพะเยา' },
	{ key: 'pmj-sec', username: 'supawadee', name: 'สุภาวดี แก้วมณี', title: 'นางสาว', position: 'นักพัฒนาสังคมชำนาญการ' },
	{ key: 'district-officer', username: 'wichai', name: 'วิชัย ศรีสุข', title: 'นาย', position: 'ปลัดอำเภอ (เจ้าพนักงานปกครองชำนาญการพิเศษ)' },
	{ key: 'cdo', username: 'nantana', name: 'นันทนา ใจดี', title: 'นาง', position: 'พัฒนาการอำเภอดอกคำใต้' },
	{ key: 'ymca', username: 'darunee', name: 'ดารุณี ทองคำ', title: 'นางสาว', position: 'ผู้ประสานงานโครงการ' },
	{ key: 'police', username: 'somchai', name: 'ร.ต.อ.สมชาย บุญมา', title: 'ร.ต.อ.', position: 'รองสารวัตรสืบสวน' },
	{ key: 'police-alt', username: 'kittipong', name: 'ด.ต.กิตติพงษ์ ปัญญาดี', title: 'ด.ต.', position: 'ผู้บังคับหมู่ (ป.) สภ.ดอกคำใต้' },
	{ key: 'health', username: 'jintana', name: 'จินตนา พรหมมา', title: 'นาง', position: 'นักวิชาการสาธารณสุขชำนาญการ' },
	{ key: 'hospital', username: 'piyanuch', name: 'พญ.ปิยะนุช จันทร์เพ็ญ', title: 'พญ.', position: 'นายแพทย์ชำนาญการ ศูนย์พึ่งได้ (OSCC)' },
	{ key: 'school1', username: 'anan', name: 'อนันต์ คำแสน', title: 'นาย', position: 'ผู้อำนวยการโรงเรียนดอกคำใต้วิทยา' },
	{ key: 'school2', username: 'ratchanee', name: 'รัชนี อินทร์แก้ว', title: 'นาง', position: 'ครูชำนาญการพิเศษ' },
	{ key: 'college', username: 'thawatchai', name: 'ธวัชชัย สุวรรณ', title: 'นาย', position: 'รองผู้อำนวยการวิทยาลัยการอาชีพดอกคำใต้' },
	{ key: 'ngo', username: 'malee', name: 'มาลี ดวงดี', title: 'นางสาว', position: 'ผู้อำนวยการมูลนิธิ' },
	{ key: 'women', username: 'buasri', name: 'บัวศรี ปัญญาวงศ์', title: 'นาง', position: 'ประธานกลุ่มสตรีอำเภอดอกคำใต้' },
	{ key: 'municipality', username: 'sombat', name: 'สมบัติ มูลคำ', title: 'นาย', position: 'ปลัดเทศบาลตำบลดอกคำใต้' },
	{ key: 'sao', username: 'chaiwat', name: 'ชัยวัฒน์ ใจมา', title: 'นาย', position: 'ปลัดองค์การบริหารส่วนตำบลบ้านถ้ำ' },
	{ key: 'esa', username: 'orawan', name: 'อรวรรณ ศรีวิชัย', title: 'นางสาว', position: 'ศึกษานิเทศก์ชำนาญการพิเศษ' },
	{ key: 'watchdog', username: 'noi', name: 'น้อย คำปัน', title: 'นาง', position: 'อาสาสมัครเฝ้าระวังประจำหมู่บ้าน' },
	{ key: 'labour', username: 'surasak', name: 'สุรศักดิ์ ทาวงศ์', title: 'นาย', position: 'เจ้าพนักงานจัดหางานชำนาญงาน' },
	{ key: 'shelter', username: 'kanokwan', name: 'กนกวรรณ ยะถา', title: 'นางสาว', position: 'ผู้ปกครองสถานสงเคราะห์ บ้านพักเด็กและครอบครัวจังหวัดพะเยา' },
	{ key: 'ilo', username: 'emma', name: 'Emma Lindqvist', title: 'Ms', position: 'Project Officer', locale: 'en' }
];

export const seats: DemoSeat[] = [
	// Provincial operation centre
	{ body: 'poc', person: 'governor', org: 'governor', role: 'chair' },
	{ body: 'poc', person: 'pmj-sec', org: 'pmj', role: 'secretary' },
	{ body: 'poc', person: 'district-officer', org: 'dkt-office', role: 'member' },
	{ body: 'poc', person: 'shelter', org: 'shelter', role: 'member' },
	{ body: 'poc', person: 'ilo', org: 'ilo', role: 'observer' },
	{ body: 'poc-coord', person: 'pmj-sec', org: 'pmj', role: 'secretary' },
	{ body: 'poc-rehab', person: 'shelter', org: 'shelter', role: 'chair' },
	// Dok Khamtai district committee: 19 seats, YMCA as secretariat
	{ body: 'dkt-committee', person: 'district-officer', org: 'dkt-office', role: 'chair' },
	{ body: 'dkt-committee', person: 'ymca', org: 'ymca', role: 'secretary' },
	{ body: 'dkt-committee', person: 'police', org: 'dkt-police', role: 'member', alternate: 'police-alt' },
	{ body: 'dkt-committee', person: 'health', org: 'dkt-health', role: 'member' },
	{ body: 'dkt-committee', person: 'hospital', org: 'dkt-hospital', role: 'vice_chair' },
	{ body: 'dkt-committee', person: 'cdo', org: 'dkt-cdo', role: 'member' },
	{ body: 'dkt-committee', person: 'school1', org: 'dkt-school1', role: 'member' },
	{ body: 'dkt-committee', person: 'school2', org: 'dkt-school2', role: 'member' },
	{ body: 'dkt-committee', person: 'college', org: 'dkt-college', role: 'member' },
	{ body: 'dkt-committee', person: 'ngo', org: 'child-ngo', role: 'member' },
	{ body: 'dkt-committee', person: 'women', org: 'dkt-women', role: 'member' },
	{ body: 'dkt-committee', person: 'municipality', org: 'dkt-municipality', role: 'member' },
	{ body: 'dkt-committee', person: 'sao', org: 'dkt-sao-banthum', role: 'member' },
	{ body: 'dkt-committee', person: 'esa', org: 'dkt-esa', role: 'member' },
	{ body: 'dkt-committee', person: 'watchdog', org: 'dkt-watchdog', role: 'member' },
	{ body: 'dkt-committee', person: 'labour', org: 'dkt-labour', role: 'member' },
	{ body: 'dkt-committee', person: 'shelter', org: 'shelter', role: 'member' },
	{ body: 'dkt-committee', person: 'pmj-sec', org: 'pmj', role: 'member' },
	{ body: 'dkt-committee', person: 'ilo', org: 'ilo', role: 'observer' },
	// Working group: district officer chairs, community development office is secretariat
	{ body: 'dkt-wg', person: 'district-officer', org: 'dkt-office', role: 'chair' },
	{ body: 'dkt-wg', person: 'cdo', org: 'dkt-cdo', role: 'secretary' },
	{ body: 'dkt-wg', person: 'police', org: 'dkt-police', role: 'member', alternate: 'police-alt' },
	{ body: 'dkt-wg', person: 'hospital', org: 'dkt-hospital', role: 'member' },
	{ body: 'dkt-wg', person: 'health', org: 'dkt-health', role: 'member' },
	{ body: 'dkt-wg', person: 'school1', org: 'dkt-school1', role: 'member' },
	{ body: 'dkt-wg', person: 'ymca', org: 'ymca', role: 'member' },
	{ body: 'dkt-wg', person: 'ngo', org: 'child-ngo', role: 'member' },
	{ body: 'dkt-wg', person: 'women', org: 'dkt-women', role: 'member' },
	{ body: 'dkt-wg', person: 'watchdog', org: 'dkt-watchdog', role: 'volunteer' },
	{ body: 'dkt-wg', person: 'ilo', org: 'ilo', role: 'observer' },
	// Watchdog volunteers
	{ body: 'dkt-watch', person: 'cdo', org: 'dkt-cdo', role: 'secretary' },
	{ body: 'dkt-watch', person: 'watchdog', org: 'dkt-watchdog', role: 'volunteer' }
];

/** Past and upcoming meetings, as months relative to the seed date. */
export const meetingPlan: { body: string; monthOffset: number; day: number; hour: number; kind?: 'regular' | 'extraordinary' }[] = [
	{ body: 'dkt-wg', monthOffset: -5, day: 6, hour: 9 },
	{ body: 'dkt-wg', monthOffset: -4, day: 10, hour: 9 },
	{ body: 'dkt-wg', monthOffset: -3, day: 8, hour: 9 },
	{ body: 'dkt-wg', monthOffset: -2, day: 5, hour: 9 },
	{ body: 'dkt-wg', monthOffset: -1, day: 3, hour: 9 },
	{ body: 'dkt-wg', monthOffset: 1, day: 7, hour: 9 },
	{ body: 'dkt-committee', monthOffset: -5, day: 22, hour: 13 },
	{ body: 'dkt-committee', monthOffset: -2, day: 20, hour: 13 },
	{ body: 'dkt-committee', monthOffset: 1, day: 18, hour: 13 },
	{ body: 'poc', monthOffset: -1, day: 15, hour: 10 }
];

export const DEMO_PASSWORD = 'concord-demo-2569';

/** Decisions of past working-group meetings and the action items they created. */
export const decisionPlan: {
	key: string;
	meeting: string;
	text: string;
	lead: string;
	supporting: string[];
	actions: {
		key: string;
		title: string;
		lead: string;
		assignee: string;
		dueMonthOffset: number;
		status: 'open' | 'in_progress' | 'awaiting_report' | 'closed';
	}[];
}[] = [
	{
		key: 'd1',
		meeting: 'dkt-wg:-3',
		text: 'ให้ตรวจสอบสถานบริการและร้านคาราโอเกะในเขตอำเภอ ร่วมกับฝ่ายปกครอง เพื่อคัดกรองเด็กและสตรีที่อาจถูกแสวงประโยชน์',
		lead: 'dkt-police',
		supporting: ['dkt-office', 'child-ngo'],
		actions: [{ key: 'a1', title: 'ตรวจสอบสถานบริการในเขตอำเภอและรายงานผล', lead: 'dkt-police', assignee: 'police', dueMonthOffset: 0, status: 'in_progress' }]
	},
	{
		key: 'd2',
		meeting: 'dkt-wg:-2',
		text: 'จัดทำแนวทางส่งต่อผู้เสียหายเข้ารับการตรวจรักษาและการดูแลด้านจิตใจที่โรงพยาบาล',
		lead: 'dkt-hospital',
		supporting: ['dkt-health', 'shelter'],
		actions: [
			{ key: 'a2', title: 'ร่างแนวทางส่งต่อผู้เสียหายเข้ารับการรักษา ที่ศูนย์พึ่งได้ (OSCC)', lead: 'dkt-hospital', assignee: 'hospital', dueMonthOffset: 1, status: 'open' },
			{ key: 'a3', title: 'ประสานบ้านพักเด็กและครอบครัวเรื่องการรับเด็กในภาวะฉุกเฉิน', lead: 'dkt-cdo', assignee: 'cdo', dueMonthOffset: -1, status: 'closed' }
		]
	},
	{
		key: 'd3',
		meeting: 'dkt-wg:-1',
		text: 'อบรมครูและอาสาสมัครเฝ้าระวังเรื่องสัญญาณเตือนการค้ามนุษย์ และสำรวจเด็กที่ไม่มีสถานะทางทะเบียน',
		lead: 'dkt-school1',
		supporting: ['dkt-watchdog', 'dkt-office'],
		actions: [
			{ key: 'a4', title: 'จัดอบรมครูเรื่องการเฝ้าระวังการค้ามนุษย์', lead: 'dkt-school1', assignee: 'school1', dueMonthOffset: 0, status: 'awaiting_report' },
			{ key: 'a5', title: 'สำรวจเด็กที่ไม่มีสถานะทางทะเบียนในตำบลบ้านถ้ำ', lead: 'dkt-watchdog', assignee: 'watchdog', dueMonthOffset: 1, status: 'open' },
			{ key: 'a6', title: 'ตรวจสอบข้อมูลการจ้างงานแรงงานเด็กในไร่และโรงงาน', lead: 'dkt-police', assignee: 'police', dueMonthOffset: 1, status: 'open' }
		]
	}
];
