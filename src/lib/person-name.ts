/**
 * A person's name as official documents write it: the title straight before
 * the name in Thai ("นายวิชัย ศรีสุข", "ร.ต.อ.สมชาย บุญมา"), after a space for a
 * Latin title ("Ms Emma Lindqvist"). A name already typed with its title or
 * rank keeps it once.
 */
export function formalName(title: string | null | undefined, name: string): string {
	const t = (title ?? '').trim();
	const n = name.trim();
	if (!t || n.startsWith(t)) return n;
	return /[\u0E00-\u0E7F.]$/.test(t) ? `${t}${n}` : `${t} ${n}`;
}

/**
 * Whether an official position already names the organisation
 * ("ผู้อำนวยการโรงเรียนดอกคำใต้วิทยา" for โรงเรียนดอกคำใต้วิทยา, "ผกก.สภ.ดอกคำใต้" for
 * สถานีตำรวจภูธรดอกคำใต้, known as สภ.ดอกคำใต้), so that a list of attendees need not
 * print it again. The full name may stand anywhere in the position; a short name
 * only where no letter comes straight before it (after a space, a bracket or the
 * full stop of another abbreviation), so that อ.ดอกคำใต้ is not found inside
 * สสอ.ดอกคำใต้.
 */
export function positionNames(position: string | null | undefined, name: string, short?: string | null): boolean {
	const p = position?.trim();
	if (!p) return false;
	const full = name.trim();
	if (full && p.includes(full)) return true;
	const s = short?.trim();
	if (!s || s === full) return false;
	for (let at = p.indexOf(s); at >= 0; at = p.indexOf(s, at + 1)) if (at === 0 || !/[\p{L}\p{M}\p{N}]/u.test(p[at - 1]!)) return true;
	return false;
}

/** A name and an official position, as a list of attendees prints them; the position left out when not given. */
export function nameWithPosition(name: string, position: string | null | undefined, separator: string): string {
	return [name, position?.trim()].filter(Boolean).join(separator);
}
