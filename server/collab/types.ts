import type { IncomingMessage } from 'node:http';
import type { Change } from './changes';
import type { Connection } from './connection';

/**
 * What the collaboration core shares between its stages, and the hooks
 * through which it asks the rest of Concord who someone is and what they may
 * do. The core knows sockets, documents and storage; sessions, access rules
 * and the audit log reach it only through `CollabHooks` (wired in
 * server/collab-hooks.ts).
 */

/** Who a connection is, as the server tells everyone else. */
export interface Identity {
	id: string;
	name: string;
	colour: string;
}

/** The person behind a request: their user id and whether they administer Concord. */
export interface CollabActor {
	userId: string;
	isAdmin: boolean;
}

/** A signed-in person, from the upgrade request's session. */
export interface Authenticated {
	actor: CollabActor;
	identity: Identity;
	sessionId: string;
	/** Kept in memory only, to validate the session again while the socket is open. */
	token: string;
}

/** What a person may do with a document. */
export type Authorisation =
	| {
			allowed: true;
			mode: 'write' | 'read';
			/** The policy's own account of what they may change, handed back to the guard. */
			authority?: unknown;
			/** The document belongs to a case: its openings are recorded. */
			caseId?: string;
	  }
	| { allowed: false; status: 403 | 404; caseId?: string };

/** An upgrade the server will accept: who asks, for which document, with which rights. */
export interface Admitted extends Authenticated {
	ok: true;
	name: string;
	mode: 'read' | 'write';
	authority?: unknown;
	/** The client asked for messageSaved and messageNotice. */
	acks: boolean;
	/** The client's state vector, sent with the upgrade: what it lacks goes with the server's sync step 1. */
	stateVector?: Uint8Array;
	caseId?: string;
}

export type GuardVerdict = { ok: true } | { ok: false; rule: string };

/** Decisions worth keeping in the audit log; never content. */
export type CollabRecord =
	| { kind: 'change_refused'; userId: string; doc: string; rule: string }
	| { kind: 'case_document'; userId: string; doc: string; caseId: string; outcome: 'success' | 'denied' };

export interface CollabHooks {
	/** The signed-in person of an upgrade request whose Origin passed; null without a valid session. */
	authenticate(req: IncomingMessage, origin: URL): Promise<Authenticated | null>;
	/** What the person may do with the document; asked on the upgrade and again when rights may have changed. */
	authorise(actor: CollabActor, name: string): Promise<Authorisation>;
	/** Whether a session is still valid (asked for every open socket on a timer). */
	sessionValid(token: string): Promise<boolean>;
	/** Judges a writer's changes before they are applied; a promise only when it must ask the database. */
	guard(conn: Connection, changes: Change[]): GuardVerdict | Promise<GuardVerdict>;
	/** Keeps a decision in the audit log. */
	record(event: CollabRecord): void;
	/** Measurements for the metrics; the core reports them without knowing who listens. */
	observe?: CollabObserver;
}

export interface CollabObserver {
	/** A write batch is durable: seconds since it left the queue (retries included) and the updates it held. */
	committed?(seconds: number, updates: number): void;
	/** An update from another instance arrived, this many seconds after its commit there. */
	relayed?(seconds: number): void;
}
