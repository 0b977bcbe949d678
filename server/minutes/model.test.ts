import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, addAgendaItem, addDecision, addGuest, notesOf, setAbsenceReason, setAttendance } from '../../src/lib/meeting-doc/schema';
import { projectMeeting } from '../meetings/projection';
import { minutesContent } from './document';
import type { MinutesFacts } from './repository/facts';
import { buildModel, forReader, type MinutesModel } from './model';
import type { Role } from '../db/schema';
import { editorSchema, readFragment, textOf, writeFragment, doc as pmDoc, paragraph } from '../rich-text/prosemirror';

const id = () => crypto.randomUUID();
const org = { office: id(), police: id(), hospital: id(), school: id(), ilo: id() };
const names: Record<string, [string, string, string]> = {
	[org.office]: ['ที่ว่าการอำเภอดอกคำใต้', 'Dok Khamtai District Office', 'อ.ดอกคำใต้'],
	[org.police]: ['สถานีตำรวจภูธรดอกคำใต้', 'Dok Khamtai Police Station', 'สภ.ดอกคำใต้'],
	[org.hospital]: ['โรงพยาบาลดอกคำใต้', 'Dok Khamtai Hospital', 'รพ.ดอกคำใต้'],
	[org.school]: ['โรงเรียนดอกคำใต้วิทยา', 'Dok Khamtai Wittaya School', 'ร.ร.ดอกคำใต้วิทยา'],
	[org.ilo]: ['โครงการ ILO-TICW', 'ILO-TICW', 'ILO-TICW']
};
const named = (o: string) => ({ org_th: names[o]![0], org_en: names[o]![1], org_short: names[o]![2] });
const people = { chair: id(), secretary: id(), officer: id(), doctor: id() };
type Named3 = [title: string, name: string, position: string];
/** A seat as facts.ts reads it: the holder's title, name and position, and the alternate's. */
const seat = (o: string, role: Role, [title, name, position]: Named3, alternate?: Named3) => ({
	organisation_id: o,
	role,
	person: name,
	person_title: title,
	person_position: position,
	alternate: alternate?.[1] ?? null,
	alternate_title: alternate?.[0] ?? null,
	alternate_position: alternate?.[2] ?? null,
	...named(o)
});

/** A meeting held in its live document, then projected as the collaboration server does. */
function heldMeeting() {
	const meetingId = id();
	const live = new Y.Doc();
	const [minutesItem, followupItem, cases] = [id(), id(), id()];
	addAgendaItem(live, { id: minutesItem, title: 'รับรองรายงานการประชุมครั้งที่แล้ว', minutes: 10, presenterOrgId: null, standing: 'minutes' });
	addAgendaItem(live, { id: followupItem, title: 'ติดตามผลการดำเนินงาน', minutes: 30, presenterOrgId: null, standing: 'followup' });
	addAgendaItem(live, { id: cases, title: 'กรณีใหม่และเบาะแส', minutes: 30, presenterOrgId: org.police, standing: 'cases' });
	live.transact(() => writeFragment(notesOf(live, cases), pmDoc([paragraph('พบเด็กหญิงอายุ 15 ปี ทำงานในร้านคาราโอเกะ'), paragraph()])));
	const decision = id();
	addDecision(live, {
		id: decision,
		agendaItemId: cases,
		text: 'ส่งต่อเด็กให้บ้านพักเด็กและครอบครัวภายใน 24 ชั่วโมง',
		leadOrgId: org.police,
		supportingOrgIds: [org.hospital, org.office]
	});
	addAction(live, {
		id: id(),
		decisionId: decision,
		title: 'ตรวจร่างกายและประเมินสภาพจิตใจ',
		description: '',
		leadOrgId: org.hospital,
		assigneeId: people.doctor,
		supportingOrgIds: [org.school],
		dueOn: '2026-12-20'
	});
	setAttendance(live, org.office, 'present', Date.UTC(2026, 11, 3, 2));
	setAttendance(live, org.police, 'alternate', Date.UTC(2026, 11, 3, 2));
	setAttendance(live, org.school, 'apologies');
	setAttendance(live, org.ilo, 'present');
	setAbsenceReason(live, org.school, 'ติดราชการ');
	addGuest(live, { id: id(), name: 'นางสาวสมศรี ใจดี', position: 'นักสังคมสงเคราะห์', organisation: 'มูลนิธิเพื่อเด็ก' });
	addGuest(live, { id: id(), name: 'นายวีระ กล้าหาญ', position: '', organisation: 'สำนักงานแรงงานจังหวัดพะเยา' });
	const projection = projectMeeting(live, { meetingId, bodyId: id(), organisationIds: new Set(Object.values(org)), userIds: new Set(Object.values(people)) });
	expect(projection.problems).toEqual([]);

	const startsAt = new Date('2026-12-03T02:00:00Z');
	const facts: MinutesFacts = {
		meeting: {
			id: meetingId,
			body_id: id(),
			title: 'ประชุมประจำเดือนธันวาคม',
			kind: 'regular',
			status: 'ended',
			starts_at: startsAt,
			started_at: new Date('2026-12-03T02:05:00Z'),
			closed_at: new Date('2026-12-03T04:30:00Z'),
			ends_at: null,
			place: 'ห้องประชุมที่ว่าการอำเภอดอกคำใต้',
			online_url: null,
			case_id: null
		},
		caseCode: null,
		body: {
			id: id(),
			name_th: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้',
			name_en: 'Dok Khamtai Multidisciplinary Working Group',
			quorum_rule: 'half',
			kind: 'working_group'
		},
		sequence: { number: 3, year: 2026 },
		seats: [
			seat(org.office, 'chair', ['นาย', 'วิชัย ศรีสุข', 'ปลัดอำเภอ']),
			seat(org.office, 'secretary', ['นาง', 'นันทนา ใจดี', 'พัฒนาการอำเภอ']),
			seat(org.police, 'member', ['ร.ต.อ.', 'สมชาย บุญมา', 'รองสารวัตรสืบสวน'], ['ด.ต.', 'กิตติพงษ์ ปัญญาดี', 'ผู้บังคับหมู่']),
			seat(org.hospital, 'member', ['', 'พญ.ปิยะนุช จันทร์เพ็ญ', '']),
			seat(org.school, 'member', ['นาย', 'อนันต์ คำแสน', 'ผู้อำนวยการโรงเรียน']),
			seat(org.ilo, 'observer', ['Ms', 'Emma Lindqvist', 'Project Officer'])
		],
		attendance: projection.attendance.map((a) => ({ organisation_id: a.organisation_id, status: a.status, reason: a.reason, ...named(a.organisation_id) })),
		guests: projection.guests.map((g) => ({ name: g.name, position: g.position, organisation: g.organisation })),
		agenda: projection.agendaItems.map((a) => ({ id: a.id, title: a.title, position: a.position, standing: a.standing })),
		decisions: projection.decisions.map((d) => ({ id: d.id, agenda_item_id: d.agenda_item_id, text: d.text, position: d.position })),
		decisionOrgs: projection.decisions.flatMap((d) => [
			{ decision_id: d.id, responsibility: 'lead' as const, ...named(d.lead) },
			...d.supporting.map((s) => ({ decision_id: d.id, responsibility: 'supporting' as const, ...named(s) }))
		]),
		actions: projection.actions.map((a) => ({
			id: a.id,
			decision_id: a.decision_id,
			title: a.title,
			due_on: a.due_on,
			lead_th: names[a.lead_organisation_id]![0],
			lead_en: names[a.lead_organisation_id]![1],
			representative: 'พญ.ปิยะนุช จันทร์เพ็ญ',
			representative_title: ''
		})),
		actionOrgs: projection.actions.flatMap((a) => a.supporting.map((s) => ({ action_item_id: a.id, ...named(s) }))),
		reportBacks: ((action) => [
			{
				id: 1,
				kind: 'report_back',
				text: 'ตรวจสถานบริการครบ 9 แห่ง',
				at: startsAt,
				action_id: action,
				title: 'ตรวจสอบสถานบริการ',
				case_id: null,
				lead_th: names[org.police]![0],
				lead_en: names[org.police]![1],
				author: 'ร.ต.อ.สมชาย บุญมา'
			},
			{
				id: 2,
				kind: 'accepted',
				text: '',
				at: startsAt,
				action_id: action,
				title: 'ตรวจสอบสถานบริการ',
				case_id: null,
				lead_th: names[org.police]![0],
				lead_en: names[org.police]![1],
				author: 'วิชัย ศรีสุข'
			}
		])(id()),
		approvals: [{ sequence: { number: 2, year: 2026 }, amendments: 'แก้ชื่อผู้เข้าประชุมลำดับที่ 3' }]
	};
	const notes = new Map(projection.agendaItems.map((a) => [a.id, (readFragment(live, `notes:${a.id}`).content ?? []).filter((n) => textOf(n).trim())]));
	return { facts, notes, cases };
}

describe('the minutes model of a projected meeting', () => {
	it('numbers the meeting in its Buddhist-era year and dates it for Thai readers', () => {
		const { facts, notes } = heldMeeting();
		const th = buildModel(facts, notes, 'th');
		expect(th.number).toBe('3/2569');
		expect(th.date).toBe('3 ธันวาคม 2569');
		expect([th.opened, th.closed]).toEqual(['09.05', '11.30']);
		const en = buildModel(facts, notes, 'en');
		expect([en.number, en.date, en.body]).toEqual(['3/2026', '3 December 2026', 'Dok Khamtai Multidisciplinary Working Group']);
	});

	it('names people with title and position, lists an alternate among those present with whom they replace, and the observer among those attending', () => {
		const { facts, notes } = heldMeeting();
		const model = buildModel(facts, notes, 'th');
		expect(model.attendance.present).toEqual([
			{ organisation: 'ที่ว่าการอำเภอดอกคำใต้', person: { name: 'นายวิชัย ศรีสุข', position: 'ปลัดอำเภอ' }, inPosition: false, replaces: null, absence: null },
			{
				organisation: 'สถานีตำรวจภูธรดอกคำใต้',
				person: { name: 'ด.ต.กิตติพงษ์ ปัญญาดี', position: 'ผู้บังคับหมู่' },
				inPosition: false,
				replaces: { name: 'ร.ต.อ.สมชาย บุญมา', position: 'รองสารวัตรสืบสวน' },
				absence: null
			}
		]);
		expect(model.attendance.absent).toEqual([
			{
				organisation: 'โรงเรียนดอกคำใต้วิทยา',
				person: { name: 'นายอนันต์ คำแสน', position: 'ผู้อำนวยการโรงเรียน' },
				inPosition: false,
				replaces: null,
				absence: { kind: 'apologies', reason: 'ติดราชการ' }
			}
		]);
		// A name typed with its title keeps it once; a missing position prints nothing.
		expect(model.attendance.notRecorded).toEqual([
			{ organisation: 'โรงพยาบาลดอกคำใต้', person: { name: 'พญ.ปิยะนุช จันทร์เพ็ญ', position: null }, inPosition: false, replaces: null, absence: null }
		]);
		expect(model.participants.map((p) => [p.organisation, p.person?.name])).toEqual([['โครงการ ILO-TICW', 'Ms Emma Lindqvist']]);
		// Four voting organisations (the observer does not count); two attended, which is not less than half.
		expect(model.quorum).toMatchObject({ total: 4, attending: 2, needed: 2, met: true });
		expect([model.recorder, model.approver]).toEqual([
			{ name: 'นางนันทนา ใจดี', role: 'secretary' },
			{ name: 'นายวิชัย ศรีสุข', role: 'chair' }
		]);
	});

	it('lists the chair first and the secretary last among those present', () => {
		const { facts, notes } = heldMeeting();
		const secretariat = id();
		names[secretariat] = ['กลุ่มงานเลขานุการ', 'Secretariat', 'กลุ่มงานเลขานุการ'];
		const withSecretary: MinutesFacts = {
			...facts,
			seats: [...facts.seats.filter((s) => s.role !== 'secretary'), seat(secretariat, 'secretary', ['นาง', 'นันทนา ใจดี', 'พัฒนาการอำเภอ'])],
			attendance: [...facts.attendance, { organisation_id: secretariat, status: 'present', reason: null, ...named(secretariat) }]
		};
		const present = buildModel(withSecretary, notes, 'th').attendance.present.map((p) => p.person?.name);
		expect(present).toEqual(['นายวิชัย ศรีสุข', 'ด.ต.กิตติพงษ์ ปัญญาดี', 'นางนันทนา ใจดี']);
	});

	it('says why each absent organisation was away under one heading: the reason recorded, else apologies or no notice', () => {
		const { facts, notes } = heldMeeting();
		const away: MinutesFacts = {
			...facts,
			attendance: facts.attendance.map((a) =>
				a.organisation_id === org.office ? { ...a, status: 'absent' as const, reason: null } : a.organisation_id === org.school ? { ...a, reason: null } : a
			)
		};
		const text = textOf(minutesContent(buildModel(away, notes, 'th')));
		expect(text.split('ผู้ไม่มาประชุม').length - 1).toBe(1);
		expect(text).toContain('นายวิชัย ศรีสุข ปลัดอำเภอ ที่ว่าการอำเภอดอกคำใต้ (ไม่ได้แจ้ง)');
		expect(text).toContain('นายอนันต์ คำแสน ผู้อำนวยการโรงเรียน โรงเรียนดอกคำใต้วิทยา (ลาประชุม)');
		const en = textOf(minutesContent(buildModel(away, notes, 'en')));
		expect(en).toContain('นายอนันต์ คำแสน, ผู้อำนวยการโรงเรียน, Dok Khamtai Wittaya School (apologies)');
		expect(en).toContain('Dok Khamtai District Office (no notice given)');
	});

	it('does not print an organisation again that the position already names, by its full name or its short one', () => {
		const { facts, notes } = heldMeeting();
		const position = (o: string, p: string) => (s: (typeof facts.seats)[number]) => (s.organisation_id === o ? { ...s, person_position: p } : s);
		const titled: MinutesFacts = {
			...facts,
			seats: facts.seats
				.map(position(org.school, 'ผู้อำนวยการโรงเรียนดอกคำใต้วิทยา'))
				.map((s) => (s.organisation_id === org.police ? { ...s, alternate_position: 'ผู้บังคับหมู่ (ป.) สภ.ดอกคำใต้' } : s))
				.map(position(org.office, 'สาธารณสุขอำเภอ สสอ.ดอกคำใต้'))
		};
		const model = buildModel(titled, notes, 'th');
		expect([...model.attendance.present, ...model.attendance.absent].map((p) => [p.organisation, p.inPosition])).toEqual([
			// อ.ดอกคำใต้ inside สสอ.ดอกคำใต้ is another office's short name, not this one's.
			['ที่ว่าการอำเภอดอกคำใต้', false],
			['สถานีตำรวจภูธรดอกคำใต้', true],
			['โรงเรียนดอกคำใต้วิทยา', true]
		]);
		const text = textOf(minutesContent(model));
		expect(text).toContain('นายอนันต์ คำแสน ผู้อำนวยการโรงเรียนดอกคำใต้วิทยา (ติดราชการ)');
		expect(text).toContain('ด.ต.กิตติพงษ์ ปัญญาดี ผู้บังคับหมู่ (ป.) สภ.ดอกคำใต้ (มาประชุมแทน ร.ต.อ.สมชาย บุญมา รองสารวัตรสืบสวน)');
		expect(text).toContain('นายวิชัย ศรีสุข สาธารณสุขอำเภอ สสอ.ดอกคำใต้ ที่ว่าการอำเภอดอกคำใต้');
		expect(text).not.toContain('วิทยา โรงเรียนดอกคำใต้วิทยา');
		// A guest whose position names where they come from is printed once too.
		const guests = { ...titled, guests: [{ name: 'นางสาวสมศรี ใจดี', position: 'นักสังคมสงเคราะห์ มูลนิธิเพื่อเด็ก', organisation: 'มูลนิธิเพื่อเด็ก' }] };
		expect(textOf(minutesContent(buildModel(guests, notes, 'th')))).toContain('นางสาวสมศรี ใจดี นักสังคมสงเคราะห์ มูลนิธิเพื่อเด็ก\n');
	});

	it('lists the people attending who are not members after the members, in the order the meeting listed them', () => {
		const { facts, notes } = heldMeeting();
		const model = buildModel(facts, notes, 'th');
		expect(model.guests).toEqual([
			{ name: 'นางสาวสมศรี ใจดี', position: 'นักสังคมสงเคราะห์', organisation: 'มูลนิธิเพื่อเด็ก' },
			{ name: 'นายวีระ กล้าหาญ', position: '', organisation: 'สำนักงานแรงงานจังหวัดพะเยา' }
		]);
		const en = textOf(minutesContent(buildModel(facts, notes, 'en')));
		expect(en).toContain('นายอนันต์ คำแสน, ผู้อำนวยการโรงเรียน, Dok Khamtai Wittaya School (ติดราชการ)');
		expect(en).toContain('Also attending');
		expect(en).toContain('Ms Emma Lindqvist, Project Officer, ILO-TICW');
		expect(en).toContain('นางสาวสมศรี ใจดี, นักสังคมสงเคราะห์, มูลนิธิเพื่อเด็ก');
		// No observer and no guests, no heading; a reason is said only of those who were absent.
		const plain = textOf(
			minutesContent(buildModel({ ...facts, guests: [], attendance: facts.attendance.filter((a) => a.organisation_id !== org.ilo) }, notes, 'th'))
		);
		expect(plain).not.toContain('ผู้เข้าร่วมประชุม');
		const present = buildModel({ ...facts, attendance: facts.attendance.map((a) => ({ ...a, reason: 'ติดราชการ' })) }, notes, 'th');
		expect(present.attendance.present[0]!.absence).toBeNull();
	});

	it('puts notes and decisions under their item, report-backs and approvals under the standing items, and lists the actions', () => {
		const { facts, notes } = heldMeeting();
		const model = buildModel(facts, notes, 'th');
		const [minutesItem, followup, cases] = model.sections;
		expect(minutesItem!.approvals).toEqual([{ number: '2/2569', amendments: 'แก้ชื่อผู้เข้าประชุมลำดับที่ 3' }]);
		expect(followup!.reportBacks).toEqual([
			{ action: 'ตรวจสอบสถานบริการ', organisation: 'สถานีตำรวจภูธรดอกคำใต้', reports: ['ตรวจสถานบริการครบ 9 แห่ง'], accepted: true }
		]);
		expect(model.reportBacks).toEqual([]);
		expect(cases!.notes.map(textOf)).toEqual(['พบเด็กหญิงอายุ 15 ปี ทำงานในร้านคาราโอเกะ']);
		expect(cases!.decisions).toEqual([
			{ text: 'ส่งต่อเด็กให้บ้านพักเด็กและครอบครัวภายใน 24 ชั่วโมง', lead: ['สถานีตำรวจภูธรดอกคำใต้'], supporting: ['ที่ว่าการอำเภอดอกคำใต้', 'โรงพยาบาลดอกคำใต้'] }
		]);
		expect(model.actions).toEqual([
			{
				title: 'ตรวจร่างกายและประเมินสภาพจิตใจ',
				lead: 'โรงพยาบาลดอกคำใต้',
				supporting: ['โรงเรียนดอกคำใต้วิทยา'],
				representative: 'พญ.ปิยะนุช จันทร์เพ็ญ',
				due: '20 ธันวาคม 2569'
			}
		]);
		expect(model.empty).toBe(false);
	});

	it('lays the draft out as Thai minutes: heading, number, attendance, items with resolutions, actions, closing and signatures', () => {
		const { facts, notes } = heldMeeting();
		const text = textOf(minutesContent(buildModel(facts, notes, 'th')));
		const order = [
			'รายงานการประชุมคณะทำงานสหวิชาชีพอำเภอดอกคำใต้',
			'ครั้งที่ 3/2569',
			'เมื่อวันที่ 3 ธันวาคม 2569',
			'ณ ห้องประชุมที่ว่าการอำเภอดอกคำใต้',
			'ผู้มาประชุม',
			'นายวิชัย ศรีสุข ปลัดอำเภอ ที่ว่าการอำเภอดอกคำใต้',
			'ด.ต.กิตติพงษ์ ปัญญาดี ผู้บังคับหมู่ สถานีตำรวจภูธรดอกคำใต้ (มาประชุมแทน ร.ต.อ.สมชาย บุญมา รองสารวัตรสืบสวน)',
			'ผู้ไม่มาประชุม',
			'นายอนันต์ คำแสน ผู้อำนวยการโรงเรียน โรงเรียนดอกคำใต้วิทยา (ติดราชการ)',
			'ไม่ได้บันทึกการเข้าประชุม',
			'พญ.ปิยะนุช จันทร์เพ็ญ โรงพยาบาลดอกคำใต้',
			'ผู้เข้าร่วมประชุม',
			'Ms Emma Lindqvist Project Officer โครงการ ILO-TICW',
			'นางสาวสมศรี ใจดี นักสังคมสงเคราะห์ มูลนิธิเพื่อเด็ก',
			'นายวีระ กล้าหาญ สำนักงานแรงงานจังหวัดพะเยา',
			'มีผู้มาประชุม 2 หน่วยงาน จากทั้งหมด 4 หน่วยงาน ครบองค์ประชุม',
			'เริ่มประชุมเวลา 09.05 น.',
			'เมื่อครบองค์ประชุมแล้ว ประธานกล่าวเปิดประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้',
			'ระเบียบวาระที่ 1 รับรองรายงานการประชุมครั้งที่แล้ว',
			'มติที่ประชุม ที่ประชุมรับรองรายงานการประชุมครั้งที่ 2/2569 โดยมีการแก้ไข ดังนี้ แก้ชื่อผู้เข้าประชุมลำดับที่ 3',
			'ระเบียบวาระที่ 2',
			'ตรวจสอบสถานบริการ (สถานีตำรวจภูธรดอกคำใต้)',
			'รายงานผล: ตรวจสถานบริการครบ 9 แห่ง',
			'ที่ประชุมรับทราบผลและปิดเรื่อง',
			'มติที่ประชุม ที่ประชุมรับทราบ',
			'ระเบียบวาระที่ 3 กรณีใหม่และเบาะแส',
			'พบเด็กหญิงอายุ 15 ปี',
			'มติที่ประชุม',
			'ส่งต่อเด็กให้บ้านพักเด็กและครอบครัวภายใน 24 ชั่วโมง',
			'หน่วยงานหลัก: สถานีตำรวจภูธรดอกคำใต้ · หน่วยงานสนับสนุน: ที่ว่าการอำเภอดอกคำใต้, โรงพยาบาลดอกคำใต้',
			'เลิกประชุมเวลา 11.30 น.',
			'(ลงชื่อ) ........................................ ผู้จดรายงานการประชุม',
			'(นางนันทนา ใจดี)',
			'เลขานุการคณะทำงานสหวิชาชีพอำเภอดอกคำใต้',
			'(ลงชื่อ) ........................................ ผู้ตรวจรายงานการประชุม',
			'(นายวิชัย ศรีสุข)',
			'ประธานคณะทำงานสหวิชาชีพอำเภอดอกคำใต้',
			'สิ่งที่แนบมาด้วย',
			'เอกสารแนบ 1 สรุปงานที่มอบหมาย',
			'ลำดับ',
			'กำหนดเสร็จ',
			'ตรวจร่างกายและประเมินสภาพจิตใจ',
			'พญ.ปิยะนุช จันทร์เพ็ญ',
			'20 ธันวาคม 2569'
		];
		let at = -1;
		for (const piece of order) {
			const found = text.indexOf(piece, at + 1);
			expect(found, piece).toBeGreaterThan(at);
			at = found;
		}
	});

	it('says an online meeting is held by electronic means, and opens without claiming a quorum that was not met', () => {
		const { facts, notes } = heldMeeting();
		const online: MinutesFacts = { ...facts, meeting: { ...facts.meeting, place: null, online_url: 'https://meet.example.org/dkt' } };
		expect(textOf(minutesContent(buildModel(online, notes, 'th')))).toContain('การประชุมผ่านสื่ออิเล็กทรอนิกส์ https://meet.example.org/dkt');
		expect(textOf(minutesContent(buildModel(online, notes, 'en')))).toContain('Meeting by electronic means: https://meet.example.org/dkt');
		const few: MinutesFacts = { ...facts, attendance: facts.attendance.filter((a) => a.organisation_id !== org.police) };
		const text = textOf(minutesContent(buildModel(few, notes, 'th')));
		expect(text).toContain('ไม่ครบองค์ประชุม');
		expect(text).toContain('ประธานกล่าวเปิดประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้');
		expect(text).not.toContain('เมื่อครบองค์ประชุมแล้ว');
		const en = textOf(minutesContent(buildModel(facts, notes, 'en')));
		expect(en).toContain('A quorum being present, the chair opened the meeting');
		expect(en).toContain('Resolution The meeting took note.');
		expect(en).toContain('(นางนันทนา ใจดี)');
		expect(en).toContain('Secretary, Dok Khamtai Multidisciplinary Working Group');
		expect(en).toContain('Attachment 1: Action items');
	});

	it('sets the action items out as a table: a header row, then one row per action', () => {
		const { facts, notes } = heldMeeting();
		const content = minutesContent(buildModel(facts, notes, 'th'));
		const tables = (content.content ?? []).filter((n) => n.type === 'table');
		expect(tables).toHaveLength(1);
		const cells = (tables[0]!.content ?? []).map((row) => (row.content ?? []).map((c) => [c.type, textOf(c)]));
		expect(cells).toEqual([
			['ลำดับ', 'งาน', 'หน่วยงานหลัก', 'หน่วยงานสนับสนุน', 'ผู้รับผิดชอบ', 'กำหนดเสร็จ'].map((t) => ['tableHeader', t]),
			['1', 'ตรวจร่างกายและประเมินสภาพจิตใจ', 'โรงพยาบาลดอกคำใต้', 'โรงเรียนดอกคำใต้วิทยา', 'พญ.ปิยะนุช จันทร์เพ็ญ', '20 ธันวาคม 2569'].map((t) => ['tableCell', t])
		]);
		// The table is what the editors' schema accepts, so it can enter the shared draft.
		expect(() => editorSchema().nodeFromJSON(content).check()).not.toThrow();
	});

	it('says so when nothing was recorded', () => {
		const { facts } = heldMeeting();
		const bare: MinutesFacts = {
			...facts,
			attendance: [],
			guests: [],
			decisions: [],
			decisionOrgs: [],
			actions: [],
			actionOrgs: [],
			reportBacks: [],
			approvals: []
		};
		const model = buildModel(bare, new Map(), 'th');
		expect(model.empty).toBe(true);
		expect(textOf(minutesContent(model))).toContain('ไม่มีการบันทึกเนื้อหาในการประชุมนี้');
	});

	it('says attendance was not recorded instead of counting no one present', () => {
		const { facts, notes } = heldMeeting();
		const model = buildModel({ ...facts, attendance: [] }, notes, 'th');
		expect(model.quorum.recorded).toBe(false);
		const text = textOf(minutesContent(model));
		expect(text).toContain('องค์ประชุม: ไม่ได้บันทึกการเข้าประชุม');
		expect(text).not.toContain('ไม่ครบองค์ประชุม');
		expect(textOf(minutesContent(buildModel({ ...facts, attendance: [] }, notes, 'en')))).toContain('Quorum: attendance was not recorded');
		expect(buildModel(facts, notes, 'th').quorum.recorded).toBe(true);
	});

	it("titles a case conference by its case, apart from the body's own meetings", () => {
		const { facts, notes } = heldMeeting();
		const conference = buildModel({ ...facts, meeting: { ...facts.meeting, kind: 'case_conference', case_id: id() }, caseCode: 'PYO-2569-0007' }, notes, 'th');
		const heading = textOf((minutesContent(conference).content ?? [])[0]!);
		expect(heading).toBe('รายงานการประชุมปรึกษารายกรณี PYO-2569-0007 คณะทำงานสหวิชาชีพอำเภอดอกคำใต้');
		expect(textOf((minutesContent(buildModel(facts, notes, 'th')).content ?? [])[0]!)).toBe('รายงานการประชุมคณะทำงานสหวิชาชีพอำเภอดอกคำใต้');
	});
});

describe('confidential sections', () => {
	it('are left out for readers not on the case team, and kept for those on it', () => {
		const { facts, notes, cases } = heldMeeting();
		const model = buildModel(facts, notes, 'th');
		const marked: MinutesModel = { ...model, sections: model.sections.map((s) => (s.id === cases ? { ...s, confidential: { caseId: 'case-1' } } : s)) };
		const outsider = forReader(marked, () => false);
		expect(outsider.sections.map((s) => s.id)).not.toContain(cases);
		expect(outsider.sections).toHaveLength(2);
		expect(textOf(minutesContent(outsider))).not.toContain('พบเด็กหญิงอายุ 15 ปี');
		const team = forReader(marked, (c) => c.caseId === 'case-1');
		expect(team.sections.map((s) => s.id)).toContain(cases);
		expect(forReader(marked, (c) => c.caseId === 'another-case').sections.map((s) => s.id)).not.toContain(cases);
	});
});
