/**
 * What the workspace offers a person, from their authority in the meeting
 * (server/access/meeting-changes.ts, read when the page loaded) and the
 * meeting's status and lock as the document's meta shows them now. The
 * server enforces the same table on every update; this only keeps the UI
 * from offering what it would refuse. A live status can take rights away at
 * once; rights given back (an unlock, a reopening) wait for the page data,
 * which the server decides.
 */

export interface Authority {
	mode: 'write' | 'read';
	officer: boolean;
	secretary: boolean;
	/** Organisations whose report-backs this person types. */
	reportFor: string[];
}

export interface Capabilities {
	/** Notes, agenda items' text, decisions and action items. */
	edit: boolean;
	/** Agenda order and time allotments. */
	arrange: boolean;
	/** Deleting decisions, action items and agenda items; "recently deleted". */
	remove: boolean;
	attendance: boolean;
	timers: boolean;
	/** Typing the report-back on an action item led by this organisation. */
	reportFor(organisationId: string): boolean;
}

/** The document's mode for this person given the meeting's status and lock now. */
export function liveMode(authority: Authority, status: string, locked: boolean): 'write' | 'read' {
	if (authority.mode !== 'write') return 'read';
	if (locked || status === 'minutes_approved' || status === 'cancelled') return 'read';
	if (status === 'ended' && !authority.officer) return 'read';
	return 'write';
}

/** What the UI offers, given whether this person can write to the document right now at all. */
export function capabilities(authority: Authority, writable: boolean): Capabilities {
	const officer = writable && authority.officer;
	return {
		edit: writable,
		arrange: officer,
		remove: officer,
		attendance: officer,
		timers: officer,
		reportFor: (organisationId) => writable && (authority.secretary || authority.reportFor.includes(organisationId))
	};
}
