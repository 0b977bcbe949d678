import type { ActionStatus, ActionUpdateKind } from '../db/schema-followup';

/**
 * The meeting cycle of the demo: who came to past meetings, what was said under
 * each agenda item, what was decided and what became of the action items, so a
 * newcomer sees the whole round from agenda to approved minutes to report-back.
 * Meetings are named by their seed key (`body:monthOffset`); every person is fictional.
 */

export type AttendanceStatus = 'present' | 'alternate' | 'apologies' | 'absent';

export interface PastMeeting {
	meeting: string;
	/** Organisations that did not simply come; every other seated organisation was present. */
	attendance: Record<string, Exclude<AttendanceStatus, 'present'>>;
	/** Why an organisation sent apologies or stayed away, as the secretary recorded it. */
	reasons?: Record<string, string>;
	/** People who attended without being members (ผู้เข้าร่วมประชุม), in order. */
	guests?: { name: string; position: string; organisation: string }[];
	/** Notes taken under agenda items, by the item's index in the agenda. */
	notes: Record<number, string[]>;
	/** Presenting organisations, by the item's index in the agenda. */
	presenters: Record<number, string>;
	/** What became of the minutes: approved at the body's next meeting, or a draft awaiting it. */
	minutes: 'approved_at_next' | 'draft' | 'none';
}

/** The working group's and the committee's past meetings, oldest first; the newest ones stay without minutes for the next meeting to take up. */
export const pastMeetings: PastMeeting[] = [
	{
		meeting: 'dkt-wg:-5',
		minutes: 'approved_at_next',
		attendance: { 'dkt-police': 'alternate', 'dkt-women': 'apologies' },
		presenters: { 2: 'dkt-police', 3: 'ymca' },
		notes: {
			1: ['ที่ประชุมรับรองรายงานการประชุมครั้งที่แล้วโดยไม่มีการแก้ไข'],
			2: ['สถานีตำรวจรายงานว่ามีร้านคาราโอเกะเปิดใหม่ 3 แห่งริมทางหลวงหมายเลข 1', 'โรงเรียนพบนักเรียนหญิงขาดเรียนติดต่อกันเกินสองสัปดาห์ 4 คน ครูประจำชั้นติดตามแล้ว'],
			3: ['วายเอ็มซีเอเสนอให้ผลิตสื่อเตือนภัยเป็นภาษาไทใหญ่ด้วย เพราะมีครอบครัวแรงงานข้ามชาติในตำบลบ้านถ้ำเพิ่มขึ้น']
		}
	},
	{
		meeting: 'dkt-wg:-4',
		minutes: 'approved_at_next',
		attendance: { 'dkt-school1': 'absent', 'child-ngo': 'apologies' },
		reasons: { 'child-ngo': 'ติดภารกิจจัดอบรมเยาวชนที่อำเภอเชียงคำ' },
		guests: [{ name: 'นางสาวอรุณี ปัญญาวงค์', position: 'นักจิตวิทยาคลินิก', organisation: 'โรงพยาบาลพะเยา' }],
		presenters: { 1: 'dkt-cdo', 3: 'dkt-women' },
		notes: {
			1: ['ผู้แทนวายเอ็มซีเอรายงานว่าแจกแผ่นพับครบ 14 หมู่บ้านแล้ว ประธานรับรายงาน'],
			2: ['โรงพยาบาลรับเด็กอายุ 15 ปี มาห้องฉุกเฉินโดยไม่มีผู้ปกครอง 2 ราย ในเดือนที่ผ่านมา'],
			3: ['กลุ่มสตรีเสนอเยี่ยมบ้านครอบครัวที่พ่อแม่ไปทำงานต่างถิ่น เริ่มที่บ้านห้วยลาน หมู่ 7', 'ที่ประชุมเห็นชอบให้อบรมแกนนำเยาวชนเรื่องการชักชวนทางออนไลน์']
		}
	},
	{ meeting: 'dkt-wg:-3', minutes: 'none', attendance: { 'dkt-health': 'apologies', 'dkt-police': 'alternate' }, presenters: { 2: 'dkt-police' }, notes: {} },
	{ meeting: 'dkt-wg:-2', minutes: 'none', attendance: { 'dkt-women': 'absent' }, presenters: { 2: 'dkt-hospital' }, notes: {} },
	{ meeting: 'dkt-wg:-1', minutes: 'none', attendance: { 'child-ngo': 'apologies' }, presenters: { 3: 'dkt-school1' }, notes: {} },
	{ meeting: 'poc:-1', minutes: 'none', attendance: { ilo: 'apologies' }, presenters: { 2: 'pmj', 3: 'dkt-office' }, notes: {} },
	{
		meeting: 'dkt-committee:-5',
		minutes: 'approved_at_next',
		attendance: { 'dkt-college': 'apologies', 'dkt-sao-banthum': 'absent', 'dkt-police': 'alternate' },
		presenters: { 2: 'dkt-labour' },
		notes: {
			2: ['ศูนย์บริการจัดหางานรายงานว่าช่วงเก็บเกี่ยวข้าวโพดมีแรงงานข้ามชาติพร้อมบุตรเข้ามาในอำเภอประมาณ 300 คน'],
			3: ['ที่ประชุมมอบให้ศูนย์บริการจัดหางานตรวจสถานประกอบการร่วมกับสถานีตำรวจ']
		}
	},
	{
		meeting: 'dkt-committee:-2',
		minutes: 'draft',
		attendance: { 'dkt-school2': 'apologies', 'dkt-watchdog': 'absent' },
		presenters: { 1: 'dkt-labour', 3: 'dkt-municipality' },
		notes: {
			1: ['ศูนย์บริการจัดหางานรายงานผลการตรวจสถานประกอบการ 11 แห่ง ประธานรับรายงาน'],
			2: ['สำนักงานเขตพื้นที่การศึกษาแจ้งว่ายังไม่มีข้อมูลเด็กนอกระบบการศึกษาที่เป็นปัจจุบัน'],
			3: ['เทศบาลตำบลดอกคำใต้พร้อมเสนอโครงการเฝ้าระวังเข้าแผนพัฒนาท้องถิ่นปีหน้า']
		}
	}
];

/** The case conference's record: the team's organisations came; notes stay on the conference. */
export const conferenceNotes: Record<number, string[]> = {
	1: ['ตำรวจพบเด็กระหว่างการตรวจสถานบริการ เด็กให้ข้อมูลว่าถูกชักชวนโดยอ้างว่าเป็นงานร้านอาหาร'],
	2: ['นักจิตวิทยาประเมินว่าเด็กยังมีความเครียดสูง ควรพบสัปดาห์ละครั้ง', 'เด็กต้องการเรียนต่อ กศน. ระหว่างพักที่บ้านพักเด็กและครอบครัว'],
	3: ['บ้านพักเด็กและครอบครัวรับดูแลต่อ พช. ประเมินความพร้อมของครอบครัวก่อนส่งกลับ']
};

interface HistoryEntry {
	kind: ActionUpdateKind;
	text: string;
	author: string;
	/** At a meeting (report-backs, acceptance, carrying over, dropping), an hour into it... */
	at?: string;
	/** ...or this many days after the decision's meeting. */
	days?: number;
}

export interface DemoAction {
	key: string;
	title: string;
	lead: string;
	assignee: string;
	/** Days from the seeding day (negative: overdue), or the day before a meeting. */
	due: number | { before: string };
	status: ActionStatus;
	closedAt?: string;
	history: HistoryEntry[];
}

export interface DemoDecision {
	key: string;
	meeting: string;
	/** The agenda item it was taken under, by index. */
	item: number;
	text: string;
	lead: string;
	supporting: string[];
	actions: DemoAction[];
}

const chair = 'district-officer';

/** Every state of the lifecycle, and reminders that fall due around the seeding day. */
export const cycleDecisions: DemoDecision[] = [
	{
		key: 'd5',
		meeting: 'dkt-wg:-5',
		item: 3,
		text: 'ผลิตสื่อเตือนภัยการค้ามนุษย์เป็นภาษาไทยและภาษาไทใหญ่ แจกในชุมชนและสถานศึกษา',
		lead: 'ymca',
		supporting: ['dkt-cdo', 'child-ngo'],
		actions: [
			{
				key: 'a7',
				title: 'จัดทำแผ่นพับสัญญาณเตือนการค้ามนุษย์ภาษาไทยและภาษาไทใหญ่',
				lead: 'ymca',
				assignee: 'ymca',
				due: { before: 'dkt-wg:-4' },
				status: 'closed',
				closedAt: 'dkt-wg:-4',
				history: [
					{ kind: 'started', text: '', author: 'ymca', days: 3 },
					{ kind: 'done', text: 'พิมพ์แล้ว 2,000 ฉบับ แจกครบ 14 หมู่บ้าน', author: 'ymca', days: 20 },
					{ kind: 'report_back', text: 'พิมพ์แล้ว 2,000 ฉบับ แจกครบ 14 หมู่บ้าน และ 6 โรงเรียน', author: 'ymca', at: 'dkt-wg:-4' },
					{ kind: 'accepted', text: '', author: chair, at: 'dkt-wg:-4' }
				]
			},
			{
				key: 'a8',
				title: 'ขอข้อมูลแรงงานเด็กนอกระบบจากสำนักงานประกันสังคม',
				lead: 'dkt-health',
				assignee: 'health',
				due: { before: 'dkt-wg:-4' },
				status: 'dropped',
				history: [{ kind: 'dropped', text: 'ศูนย์บริการจัดหางานเป็นผู้รับผิดชอบข้อมูลนี้ ส่งเรื่องให้คณะกรรมการอำเภอพิจารณาแทน', author: chair, at: 'dkt-wg:-4' }]
			}
		]
	},
	{
		key: 'd6',
		meeting: 'dkt-wg:-4',
		item: 3,
		text: 'เยี่ยมบ้านครอบครัวเด็กกลุ่มเสี่ยงที่ผู้ปกครองไปทำงานต่างถิ่น และอบรมแกนนำเยาวชนเรื่องการชักชวนทางออนไลน์',
		lead: 'dkt-women',
		supporting: ['dkt-cdo', 'ymca', 'dkt-watchdog'],
		actions: [
			{
				key: 'a9',
				title: 'เยี่ยมบ้านครอบครัวเด็กกลุ่มเสี่ยง บ้านห้วยลาน หมู่ 7',
				lead: 'dkt-women',
				assignee: 'women',
				due: 2,
				status: 'in_progress',
				history: [
					{ kind: 'started', text: '', author: 'women', days: 5 },
					{ kind: 'report_back', text: 'เยี่ยมแล้ว 5 จาก 12 ครอบครัว', author: 'women', at: 'dkt-wg:-3' },
					{ kind: 'carried_over', text: 'ยังเยี่ยมไม่ครบ ให้ดำเนินการต่อและรายงานในการประชุมครั้งถัดไป', author: chair, at: 'dkt-wg:-3' },
					{ kind: 'progress', text: 'เยี่ยมเพิ่มอีก 4 ครอบครัว รวม 9 จาก 12 ครอบครัว', author: 'women', days: 45 }
				]
			},
			{ key: 'a10', title: 'รวบรวมสถิติเด็กออกกลางคันจากโรงเรียนในอำเภอ', lead: 'child-ngo', assignee: 'ngo', due: 1, status: 'open', history: [] },
			{ key: 'a11', title: 'จัดทำแนวทางคัดกรองเด็กที่มาห้องฉุกเฉินโดยไม่มีผู้ปกครอง', lead: 'dkt-hospital', assignee: 'hospital', due: -6, status: 'open', history: [] },
			{
				key: 'a12',
				title: 'อบรมแกนนำเยาวชนเรื่องการชักชวนทางออนไลน์',
				lead: 'ymca',
				assignee: 'ymca',
				due: 3,
				status: 'awaiting_report',
				history: [
					{ kind: 'started', text: '', author: 'ymca', days: 10 },
					{ kind: 'done', text: 'อบรมแกนนำเยาวชนแล้ว 35 คน จาก 4 ตำบล ส่งรายชื่อให้ พช. แล้ว', author: 'ymca', days: 60 }
				]
			}
		]
	},
	{
		key: 'cd1',
		meeting: 'dkt-committee:-5',
		item: 3,
		text: 'ให้ตรวจสอบการจ้างแรงงานเด็กในไร่ข้าวโพดและโรงงานแปรรูปในอำเภอ',
		lead: 'dkt-labour',
		supporting: ['dkt-police', 'dkt-office'],
		actions: [
			{
				key: 'ca1',
				title: 'ตรวจสถานประกอบการที่จ้างแรงงานข้ามชาติซึ่งมีบุตรติดตามมาด้วย',
				lead: 'dkt-labour',
				assignee: 'labour',
				due: { before: 'dkt-committee:-2' },
				status: 'closed',
				closedAt: 'dkt-committee:-2',
				history: [
					{ kind: 'started', text: '', author: 'labour', days: 7 },
					{ kind: 'report_back', text: 'ตรวจแล้ว 11 แห่ง พบเด็กอายุต่ำกว่า 15 ปี ทำงาน 2 ราย ส่งต่อ พมจ. แล้ว', author: 'labour', at: 'dkt-committee:-2' },
					{ kind: 'accepted', text: '', author: chair, at: 'dkt-committee:-2' }
				]
			}
		]
	},
	{
		key: 'cd2',
		meeting: 'dkt-committee:-2',
		item: 3,
		text: 'ให้องค์กรปกครองส่วนท้องถิ่นบรรจุกิจกรรมเฝ้าระวังการค้ามนุษย์ในแผนพัฒนาท้องถิ่น และจัดทำข้อมูลเด็กนอกระบบการศึกษา',
		lead: 'dkt-municipality',
		supporting: ['dkt-sao-banthum', 'dkt-esa'],
		actions: [
			{
				key: 'ca2',
				title: 'เสนอโครงการเฝ้าระวังการค้ามนุษย์เข้าแผนพัฒนาท้องถิ่น',
				lead: 'dkt-municipality',
				assignee: 'municipality',
				due: -10,
				status: 'open',
				history: []
			},
			{
				key: 'ca3',
				title: 'จัดทำข้อมูลเด็กนอกระบบการศึกษาในเขตพื้นที่',
				lead: 'dkt-esa',
				assignee: 'esa',
				due: 2,
				status: 'in_progress',
				history: [
					{ kind: 'started', text: '', author: 'esa', days: 4 },
					{ kind: 'progress', text: 'ได้ข้อมูลจากโรงเรียนแล้ว 9 จาก 15 แห่ง', author: 'esa', days: 30 }
				]
			}
		]
	}
];

/** The decision the case conference took; the case's own action already follows it. */
export const conferenceDecision = {
	key: 'case:c1:d1',
	item: 3,
	text: 'ให้บ้านพักเด็กและครอบครัวดูแลต่อ โรงพยาบาลดูแลด้านจิตใจสัปดาห์ละครั้ง และ พช. ประเมินความพร้อมของครอบครัวก่อนส่งกลับ',
	lead: 'dkt-hospital',
	supporting: ['dkt-cdo']
};

/** The working group's next meeting: within three days of seeding, its agenda ready, so its reminder goes out at once. */
export const nextMeeting = {
	key: 'dkt-wg:next',
	body: 'dkt-wg',
	daysAhead: 2,
	hour: 9,
	presenters: { 1: 'dkt-cdo', 2: 'dkt-police', 3: 'dkt-hospital' } as Record<number, string>
};
