import type { Role } from '../db/schema';
import { PERSON_FIELDS } from '../users/service';
import * as field from '../validate';
import { ROLE_WORDS, norm, wordToCode } from './columns';
import { NameIndex, phoneValue, take } from './plan-network';
import type { MissingSeat, Plan, Reason, RowVerdict } from './plan-types';
import { refuse } from './plan-types';
import type { SheetRow } from './read';
import type { Snapshot } from './repository';
import { addDays, parseDate } from './values';

interface Person {
	id: string;
	isNew: boolean;
	username: string;
	email: string | null;
	display_name: string;
	name_title: string;
	position: string;
	phone: string | null;
	accepted: boolean;
	first: RowVerdict;
	set?: Record<string, string | null>;
}
interface SeatRow {
	verdict: RowVerdict;
	person: Person;
	bodyId: string;
	seatId: string;
	isNew: boolean;
	organisationId: string;
	role: Role;
	startsOn: string;
	alternateId?: string;
	set?: Record<string, string>;
}

const lower = (s: string | null | undefined) => (s ? s.toLowerCase() : '');
/** A spreadsheet cell holds one line. */
const displayName = field.line({ required: true, max: 120 });

/** A username for someone the file names only by e-mail: the address's local part, if it makes one. */
function usernameFromEmail(email: string | null): string | null {
	if (!email) return null;
	const local = (email.split('@')[0] ?? '').replace(/[^a-z0-9._-]/gi, '').replace(/^[._-]+/, '');
	const u = field.check(field.username, local);
	return u.ok ? u.value : null;
}

/** People and their seats: a person is matched by username or e-mail, a seat by body and person. */
export function planPeople(rows: SheetRow[], snap: Snapshot, plan: Plan, orgs: NameIndex, bodies: NameIndex, today: string): void {
	const byUsername = new Map(snap.users.map((u) => [lower(u.username), u]));
	const byEmail = new Map(snap.users.filter((u) => u.email).map((u) => [lower(u.email), u]));
	const people = new Map<string, Person>(); // by lower username and by lower e-mail
	const seatsByKey = new Map<string, SeatRow>();
	const networkSeat = new Map(snap.seats.filter((s) => s.starts_on <= today).map((s) => [`${s.body_id}:${s.user_id}`, s]));
	const anySeat = new Map(snap.seats.map((s) => [`${s.body_id}:${s.user_id}`, s]));
	const alternates: { verdict: RowVerdict; person: Person; bodyId: string; of: string }[] = [];
	const latest = addDays(today, 366);
	const rowPerson = new Map<RowVerdict, Person>();

	for (const r of rows) {
		const reasons: Reason[] = [];
		const x = r.values;
		if (r.formula) reasons.push(refuse('formula', undefined, r.formula));
		const email = take(reasons, 'email', field.check(field.email, x.email), null);
		const display_name = take(reasons, 'display_name', field.check(displayName, x.display_name), '');
		// Title and position are optional columns: left empty, they keep what the person already has.
		const name_title = take(reasons, 'name_title', field.check(PERSON_FIELDS.nameTitle, x.name_title), '');
		const position = take(reasons, 'position', field.check(PERSON_FIELDS.position, x.position), '');
		const phone = phoneValue(reasons, x.phone);
		let username: string | null = null;
		if (x.username?.trim()) username = take(reasons, 'username', field.check(field.username, x.username), null);
		const label = display_name || username || email || '';
		const verdict: RowVerdict = { entity: 'people', row: r.row, verdict: 'refused', label, reasons, changes: [] };
		plan.rows.push(verdict);
		if (reasons.length) continue;

		// Who the row is: someone already in the network, someone an earlier row named, or someone new.
		const u1 = username ? byUsername.get(username) : undefined;
		const u2 = email ? byEmail.get(email) : undefined;
		if (u1 && u2 && u1.id !== u2.id) {
			reasons.push(refuse('username_email_conflict', 'email', email!));
			continue;
		}
		const known = u1 ?? u2;
		if (known && !known.active) {
			reasons.push(refuse('inactive_person', 'username', known.username));
			continue;
		}
		let person = (username && people.get(`u:${username}`)) || (email && people.get(`e:${email}`)) || undefined;
		if (!person && known) {
			person = {
				id: known.id,
				isNew: false,
				username: known.username,
				email: known.email,
				display_name: known.display_name,
				name_title: known.name_title,
				position: known.position,
				phone: known.phone,
				accepted: false,
				first: verdict
			};
			const set: Record<string, string | null> = {};
			if (display_name !== known.display_name) set.display_name = display_name;
			if (name_title && name_title !== known.name_title) set.name_title = name_title;
			if (position && position !== known.position) set.position = position;
			if (phone && phone !== known.phone) set.phone = phone;
			if (email && email !== lower(known.email)) set.email = email;
			if (Object.keys(set).length) person.set = set;
			verdict.changes = Object.keys(set);
		} else if (!person) {
			const name = username ?? usernameFromEmail(email);
			if (!name) {
				reasons.push(refuse('required', 'username'));
				continue;
			}
			if (byUsername.has(name)) {
				reasons.push(refuse('username_taken', 'username', name));
				continue;
			}
			person = { id: crypto.randomUUID(), isNew: true, username: name, email, display_name, name_title, position, phone, accepted: false, first: verdict };
		}
		rowPerson.set(verdict, person);
		people.set(`u:${person.username}`, person);
		if (person.email) people.set(`e:${lower(person.email)}`, person);
		if (email) people.set(`e:${email}`, person);

		// The seat the row gives them, if it names a body.
		if (!x.body?.trim()) {
			if (x.alternate_of?.trim() || x.organisation?.trim()) reasons.push(refuse('required', 'body'));
			else finish(verdict, person, null);
			continue;
		}
		const body = bodies.find(x.body);
		if (typeof body === 'string') {
			reasons.push(refuse(body === 'ambiguous' ? 'ambiguous_body' : 'unknown_body', 'body', x.body));
			continue;
		}
		if (x.alternate_of?.trim()) {
			alternates.push({ verdict, person, bodyId: body.id, of: x.alternate_of.trim() });
			continue;
		}
		const org = x.organisation?.trim() ? orgs.find(x.organisation) : 'unknown';
		if (typeof org === 'string')
			reasons.push(
				refuse(org === 'ambiguous' ? 'ambiguous_organisation' : x.organisation?.trim() ? 'unknown_organisation' : 'required', 'organisation', x.organisation)
			);
		const role = wordToCode(ROLE_WORDS, x.role ?? '');
		if (!role) reasons.push(refuse(x.role?.trim() ? 'invalid_value' : 'required', 'role', x.role));
		const startsOn = x.starts_on?.trim() ? parseDate(x.starts_on) : today;
		if (!startsOn) reasons.push(refuse('invalid_date', 'starts_on', x.starts_on));
		else if (startsOn > latest) reasons.push(refuse('future_start', 'starts_on', x.starts_on));
		const key = `${body.id}:${person.id}`;
		const earlier = seatsByKey.get(key);
		if (earlier) reasons.push(refuse('duplicate_person', undefined, String(earlier.verdict.row)));
		if (reasons.length || typeof org === 'string') continue;
		const current = anySeat.get(key);
		const seat: SeatRow = {
			verdict,
			person,
			bodyId: body.id,
			seatId: current?.id ?? crypto.randomUUID(),
			isNew: !current,
			organisationId: org.id,
			role: role!,
			startsOn: startsOn!
		};
		seatsByKey.set(key, seat);
		if (current) {
			const set: Record<string, string> = {};
			if (current.organisation_id !== org.id) set.organisation_id = org.id;
			if (current.role !== role) set.role = role!;
			if (Object.keys(set).length) {
				seat.set = set;
				verdict.changes.push(...Object.keys(set));
			}
		}
		finish(verdict, person, seat);
	}

	// Alternates stand in for a seat the file or the network already has.
	const findPerson = (ref: string) => {
		const l = ref.toLowerCase();
		const p = people.get(`u:${l}`) ?? people.get(`e:${l}`);
		if (p) return p.id;
		const u = byUsername.get(l) ?? byEmail.get(l);
		if (u) return u.id;
		const named = [...new Set([...people.values()].filter((q) => norm(q.display_name) === norm(ref)).map((q) => q.id))];
		if (named.length === 1) return named[0]!;
		const users = snap.users.filter((q) => norm(q.display_name) === norm(ref));
		return users.length === 1 ? users[0]!.id : null;
	};
	const alternateTaken = new Map<string, number>();
	const alternateUpdates: { verdict: RowVerdict; id: string; alternate: string }[] = [];
	const alternateOfNew: { verdict: RowVerdict; seat: SeatRow; alternate: string }[] = [];
	for (const a of alternates) {
		const holder = findPerson(a.of);
		const key = holder ? `${a.bodyId}:${holder}` : '';
		const fileSeat = seatsByKey.get(key);
		const seat = fileSeat ?? networkSeat.get(key);
		if (!holder || !seat) a.verdict.reasons.push(refuse('alternate_unknown', 'alternate_of', a.of));
		else if (holder === a.person.id) a.verdict.reasons.push(refuse('same_person', 'alternate_of', a.of));
		else if (alternateTaken.has(key)) a.verdict.reasons.push(refuse('duplicate_row', 'alternate_of', String(alternateTaken.get(key))));
		if (a.verdict.reasons.length) continue;
		alternateTaken.set(key, a.verdict.row);
		if (fileSeat) alternateOfNew.push({ verdict: a.verdict, seat: fileSeat, alternate: a.person.id });
		const current = anySeat.get(key);
		if (current && current.alternate_user_id !== a.person.id) {
			alternateUpdates.push({ verdict: a.verdict, id: current.id, alternate: a.person.id });
			a.verdict.changes.push('alternate_user_id');
		}
		finish(a.verdict, a.person, current ? null : (fileSeat ?? null), !!(current && current.alternate_user_id !== a.person.id));
	}

	// A person is what their first row says: when that row is refused, so are the rest of theirs.
	const rowsOf = new Map<Person, RowVerdict[]>();
	for (const [verdict, person] of rowPerson) rowsOf.set(person, [...(rowsOf.get(person) ?? []), verdict]);
	for (const [person, list] of rowsOf) {
		if (person.first.reasons.length)
			for (const r of list) if (!r.reasons.length) r.reasons.push(refuse('person_row_refused', undefined, String(person.first.row)));
		for (const r of list) if (r.reasons.length) r.verdict = 'refused';
		person.accepted = list.some((r) => !r.reasons.length);
	}
	for (const s of seatsByKey.values()) if (!s.verdict.reasons.length && s.set) plan.seats.update.push({ id: s.seatId, set: s.set });
	for (const a of alternateOfNew) if (!a.verdict.reasons.length) a.seat.alternateId = a.alternate;
	for (const a of alternateUpdates) {
		if (a.verdict.reasons.length) continue;
		const entry = plan.seats.update.find((u) => u.id === a.id);
		if (entry) entry.set.alternate_user_id = a.alternate;
		else plan.seats.update.push({ id: a.id, set: { alternate_user_id: a.alternate } });
	}
	for (const p of new Set(people.values())) {
		if (!p.accepted) continue;
		if (p.set) plan.users.update.push({ id: p.id, set: p.set });
		if (p.isNew)
			plan.users.create.push({
				id: p.id,
				username: p.username,
				email: p.email,
				display_name: p.display_name,
				name_title: p.name_title,
				position: p.position,
				phone: p.phone,
				password_hash: null
			});
	}
	for (const s of seatsByKey.values()) {
		if (!s.isNew || s.verdict.reasons.length) continue;
		plan.seats.create.push({
			id: s.seatId,
			body_id: s.bodyId,
			user_id: s.person.id,
			organisation_id: s.organisationId,
			role: s.role,
			alternate_user_id: s.alternateId ?? null,
			starts_on: s.startsOn
		});
	}
	for (const [key, s] of seatsByKey) if (s.verdict.reasons.length) seatsByKey.delete(key);
	for (const s of seatsByKey.values()) if (!s.person.isNew && (s.isNew || s.verdict.changes.length)) plan.touchedUsers.push(s.person.id);
	plan.missing = missingSeats(snap, seatsByKey, today);
}

function finish(verdict: RowVerdict, person: Person, seat: SeatRow | null, changedAlternate = false) {
	verdict.verdict = person.isNew || seat?.isNew ? 'create' : verdict.changes.length || changedAlternate ? 'update' : 'unchanged';
}

/** Current seats on the bodies the file seats people on that the file leaves out, each with a successor where the file names one. */
function missingSeats(snap: Snapshot, seats: Map<string, SeatRow>, today: string): MissingSeat[] {
	const fileBodies = new Set([...seats.values()].map((s) => s.bodyId));
	const names = new Map(snap.users.map((u) => [u.id, u.display_name]));
	const bodyNames = new Map(snap.bodies.map((b) => [b.id, b.name_th]));
	const orgNames = new Map(snap.organisations.map((o) => [o.id, o.name_th]));
	const used = new Set<string>();
	const out: MissingSeat[] = [];
	for (const s of snap.seats) {
		if (!fileBodies.has(s.body_id) || s.starts_on > today || seats.has(`${s.body_id}:${s.user_id}`)) continue;
		const next = [...seats.values()].find(
			(n) =>
				n.isNew && !used.has(n.seatId) && n.bodyId === s.body_id && n.organisationId === s.organisation_id && n.role === s.role && n.person.id !== s.user_id
		);
		if (next) used.add(next.seatId);
		out.push({
			membershipId: s.id,
			bodyId: s.body_id,
			body: bodyNames.get(s.body_id) ?? '',
			userId: s.user_id,
			person: names.get(s.user_id) ?? '',
			organisation: orgNames.get(s.organisation_id) ?? '',
			role: s.role,
			startsOn: s.starts_on,
			successor: next ? { userId: next.person.id, name: next.person.display_name, seatId: next.seatId } : null
		});
	}
	return out;
}
