export type QuorumRule = 'half' | 'two_thirds' | 'one_third' | 'none';

/**
 * How many of `total` member organisations must attend (present or by alternate).
 * A body's own rule comes from its terms of reference (`body.quorum_rule`). "half"
 * is the legal default, ไม่น้อยกว่ากึ่งหนึ่ง (Administrative Procedure Act B.E. 2539,
 * s. 79): at least half, so 5 of 10 suffice; "more than half" would demand 6.
 */
export function quorumNeeded(rule: QuorumRule, total: number): number {
	switch (rule) {
		case 'half':
			return Math.ceil(total / 2);
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
