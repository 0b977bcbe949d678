import * as encoding from 'lib0/encoding';
import {
	messageAwareness,
	messageNotice,
	messageQueryAwareness,
	messageSaved,
	messageSync,
	syncStep1,
	syncStep2,
	syncUpdate,
	type Notice
} from '../../src/lib/collab/protocol';

/** A frame the server will not process; closes only the socket that sent it. */
export class FrameError extends Error {
	constructor(
		/** 1003 unsupported data, 1007 malformed data, 1008 policy violation, 1013 try again later. */
		readonly code: 1003 | 1007 | 1008 | 1013,
		message: string
	) {
		super(message);
		this.name = 'FrameError';
	}
}

// lib0 writes at most 53 bits, which take 8 bytes of 7 bits.
const MAX_VARINT_BYTES = 8;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads lib0-encoded values and refuses, instead of guessing, anything out of bounds. */
export class Reader {
	private pos = 0;
	constructor(private readonly buf: Uint8Array) {}

	get remaining(): number {
		return this.buf.length - this.pos;
	}

	uint(): number {
		let num = 0;
		let mult = 1;
		for (let i = 0; i < MAX_VARINT_BYTES; i++) {
			if (this.pos >= this.buf.length) throw new FrameError(1007, 'truncated varint');
			const byte = this.buf[this.pos++]!;
			num += (byte & 0x7f) * mult;
			if (num > Number.MAX_SAFE_INTEGER) throw new FrameError(1007, 'varint out of range');
			if (byte < 0x80) return num;
			mult *= 128;
		}
		throw new FrameError(1007, 'varint too long');
	}

	/** A length-prefixed byte string, copied so nothing keeps the socket's buffer alive. */
	bytes(): Uint8Array {
		const len = this.uint();
		if (len > this.remaining) throw new FrameError(1007, 'length beyond end of frame');
		const out = this.buf.slice(this.pos, this.pos + len);
		this.pos += len;
		return out;
	}

	string(): string {
		const bytes = this.bytes();
		try {
			return utf8.decode(bytes);
		} catch {
			throw new FrameError(1007, 'invalid UTF-8');
		}
	}

	end(): void {
		if (this.remaining !== 0) throw new FrameError(1007, 'trailing bytes');
	}
}

export type ClientMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	/** Sync step 2 and update carry the same thing: a Yjs update. */
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' };

/** Splits one client frame into its message, or throws a FrameError saying why not. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
	const reader = new Reader(frame);
	const type = reader.uint();
	let message: ClientMessage;
	if (type === messageSync) {
		const step = reader.uint();
		if (step === syncStep1) message = { type: 'sync-step-1', stateVector: reader.bytes() };
		else if (step === syncStep2 || step === syncUpdate) message = { type: 'update', update: reader.bytes() };
		else throw new FrameError(1003, `unknown sync message type ${step}`);
	} else if (type === messageAwareness) {
		message = { type: 'awareness', update: reader.bytes() };
	} else if (type === messageQueryAwareness) {
		message = { type: 'query-awareness' };
	} else {
		throw new FrameError(1003, `unknown message type ${type}`);
	}
	reader.end();
	return message;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, messageSync);
		encoding.writeVarUint(e, syncStep1);
		encoding.writeVarUint8Array(e, stateVector);
	});

export const encodeSyncStep2 = (update: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, messageSync);
		encoding.writeVarUint(e, syncStep2);
		encoding.writeVarUint8Array(e, update);
	});

export const encodeUpdate = (update: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, messageSync);
		encoding.writeVarUint(e, syncUpdate);
		encoding.writeVarUint8Array(e, update);
	});

export const encodeAwareness = (update: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, messageAwareness);
		encoding.writeVarUint8Array(e, update);
	});

export const encodeSaved = (count: number) =>
	frame((e) => {
		encoding.writeVarUint(e, messageSaved);
		encoding.writeVarUint(e, count);
	});

export const encodeNotice = (notice: Notice) =>
	frame((e) => {
		encoding.writeVarUint(e, messageNotice);
		encoding.writeVarString(e, notice);
	});
