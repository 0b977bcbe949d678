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

/** A name and an official position, as a list of attendees prints them; the position left out when not given. */
export function nameWithPosition(name: string, position: string | null | undefined, separator: string): string {
	return [name, position?.trim()].filter(Boolean).join(separator);
}
