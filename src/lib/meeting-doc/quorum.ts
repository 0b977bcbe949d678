export type QuorumRule = 'half' | 'two_thirds' | 'one_third' | 'none';

/** How many of `total` member organisations must attend (present or by alternate). */
export function quorumNeeded(rule: QuorumRule, total: number): number {
	switch (rule) {
		case 'half':
			return Math.floor(total / 2) + 1;
		case 'two_thirds':
			return Math.ceil((total * 2) / 3);
		case 'one_third':
			return Math.ceil(total / 3);
		case 'none':
			return 0;
	}
}

export function quorum(rule: QuorumRule, total: number, attending: number) {
	const needed = quorumNeeded(rule, total);
	return { needed, met: attending >= needed, attending, total };
}
