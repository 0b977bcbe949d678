import type { Locale } from '../db/schema';
import type { NotificationKind } from '../db/schema-notifications';

/**
 * The words of every notification, Thai and English; the person's language
 * decides. `{t}` is the item as the reader may see it (a case's work by its
 * code alone), `{d}` a date.
 */

type Words = Record<NotificationKind, { subject: string; line: string }> & {
	digestSubject: string;
	digestIntro: string;
	open: string;
	unsubscribe: string;
	unsubscribeAll: string;
	footer: string;
	agenda: string;
	toReport: string;
	previousMinutes: string;
	cancelledSubject: string;
	cancelledLine: string;
	updatedSubject: string;
	updatedLine: string;
	due: string;
	when: string;
	where: string;
	referral: string;
	intakeKind: Record<string, string>;
	caseReferral: string;
};

export const WORDS: Record<Locale, Words> = {
	th: {
		assigned: { subject: 'งานใหม่ถึงคุณ: {t}', line: 'มีงานที่มอบหมายให้คุณหรือหน่วยงานของคุณ: {t}' },
		due_soon: { subject: 'ใกล้ครบกำหนด {d}: {t}', line: 'งานนี้จะครบกำหนดในอีกไม่กี่วัน ({d}): {t}' },
		due_today: { subject: 'ครบกำหนดวันนี้: {t}', line: 'งานนี้ครบกำหนดวันนี้: {t}' },
		overdue: { subject: 'เลยกำหนดแล้ว: {t}', line: 'งานนี้เลยกำหนด ({d}) และยังไม่ได้รายงานผล: {t}' },
		meeting: { subject: 'การประชุม {d}: {t}', line: 'การประชุมที่คุณเข้าร่วมจะมีขึ้นวันที่ {d}: {t}' },
		referral_received: { subject: 'มีการส่งต่อถึงหน่วยงานของคุณ: {t}', line: 'มีการส่งต่อถึงหน่วยงานของคุณ รอการตอบรับ: {t}' },
		referral_answered: { subject: 'การส่งต่อได้รับคำตอบ: {t}', line: 'หน่วยงานปลายทางตอบการส่งต่อของคุณแล้ว: {t}' },
		minutes_ready: { subject: 'รายงานการประชุมรอการรับรอง: {t}', line: 'ร่างรายงานการประชุมพร้อมให้ตรวจและรับรองแล้ว: {t}' },
		minutes_circulated: {
			subject: 'แจ้งเวียนรายงานการประชุมเพื่อรับรอง: {t}',
			line: 'ฝ่ายเลขานุการแจ้งเวียนร่างรายงานการประชุมเพื่อรับรอง โปรดยืนยันหรือให้ความเห็นภายในกำหนด: {t}'
		},
		report_accepted: { subject: 'ที่ประชุมรับทราบผลและปิดงานแล้ว: {t}', line: 'ที่ประชุมรับทราบผลที่คุณรายงานและปิดงานนี้แล้ว: {t}' },
		carried_over: { subject: 'เลื่อนกำหนดเสร็จเป็น {d}: {t}', line: 'งานนี้ยังไม่ปิด ที่ประชุมเลื่อนกำหนดเสร็จ กำหนดเสร็จใหม่ {d}: {t}' },
		intake_new: { subject: 'มีเรื่องรับแจ้งใหม่: {t}', line: 'มีเรื่องรับแจ้งใหม่ในคิวรับเรื่อง รอการคัดกรอง: {t}' },
		digestSubject: 'สรุปการแจ้งเตือนประจำวัน ({d})',
		digestIntro: 'การแจ้งเตือนของคุณตั้งแต่ฉบับที่แล้ว:',
		open: 'เปิดดู',
		unsubscribe: 'หยุดรับอีเมลเรื่องประเภทนี้',
		unsubscribeAll: 'หยุดรับอีเมลทั้งหมดจาก Concord',
		footer: 'อีเมลนี้ส่งจาก Concord ตามการตั้งค่าการแจ้งเตือนของคุณ',
		agenda: 'วาระการประชุม',
		toReport: 'งานของหน่วยงานคุณที่ต้องรายงานผล',
		previousMinutes: 'รายงานการประชุมครั้งก่อนที่รอการรับรอง',
		cancelledSubject: 'ยกเลิกการประชุม: {t}',
		cancelledLine: 'การประชุมนี้ถูกยกเลิกแล้ว: {t}',
		updatedSubject: 'เปลี่ยนแปลงการประชุม {d}: {t}',
		updatedLine: 'รายละเอียดการประชุมมีการเปลี่ยนแปลง ขณะนี้เป็นวันที่ {d}: {t}',
		due: 'กำหนด {d}',
		when: 'เวลา',
		where: 'สถานที่',
		referral: 'การส่งต่อจาก {from} ถึง {to}',
		intakeKind: { tip: 'เบาะแส', complaint: 'เรื่องร้องเรียน', help_request: 'ขอความช่วยเหลือ' },
		caseReferral: 'รายกรณี {code}: การส่งต่อจาก {from} ถึง {to}'
	},
	en: {
		assigned: { subject: 'New action for you: {t}', line: 'An action has been assigned to you or your organisation: {t}' },
		due_soon: { subject: 'Due {d}: {t}', line: 'This action is due in a few days ({d}): {t}' },
		due_today: { subject: 'Due today: {t}', line: 'This action is due today: {t}' },
		overdue: { subject: 'Overdue: {t}', line: 'This action was due on {d} and has not been reported back: {t}' },
		meeting: { subject: 'Meeting on {d}: {t}', line: 'A meeting you attend is on {d}: {t}' },
		referral_received: { subject: 'Referral to your organisation: {t}', line: 'A referral to your organisation is waiting for an answer: {t}' },
		referral_answered: { subject: 'Your referral was answered: {t}', line: 'The receiving side has answered your referral: {t}' },
		minutes_ready: { subject: 'Minutes ready for approval: {t}', line: 'The draft minutes are ready to review and approve: {t}' },
		minutes_circulated: {
			subject: 'Minutes circulated for approval: {t}',
			line: 'The secretariat has circulated the draft minutes for approval; confirm or comment before the deadline: {t}'
		},
		report_accepted: { subject: 'Report-back accepted: {t}', line: 'The meeting accepted your report-back; the action is closed: {t}' },
		carried_over: { subject: 'Carried over to {d}: {t}', line: 'This action stays open and was carried over to {d}: {t}' },
		intake_new: { subject: 'New report in the intake queue: {t}', line: 'A new report is waiting in the intake queue: {t}' },
		digestSubject: 'Your daily notifications ({d})',
		digestIntro: 'Your notifications since the last digest:',
		open: 'Open',
		unsubscribe: 'Stop e-mails of this kind',
		unsubscribeAll: 'Stop all e-mail from Concord',
		footer: 'Sent by Concord according to your notification preferences.',
		agenda: 'Agenda',
		toReport: "Your organisation's open items to report on",
		previousMinutes: 'Previous minutes awaiting approval',
		cancelledSubject: 'Meeting cancelled: {t}',
		cancelledLine: 'This meeting has been cancelled: {t}',
		updatedSubject: 'Meeting changed, now {d}: {t}',
		updatedLine: 'The meeting has changed; it is now on {d}: {t}',
		due: 'due {d}',
		when: 'When',
		where: 'Where',
		referral: 'Referral from {from} to {to}',
		intakeKind: { tip: 'Tip', complaint: 'Complaint', help_request: 'Request for help' },
		caseReferral: 'Case {code}: referral from {from} to {to}'
	}
};

export const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
