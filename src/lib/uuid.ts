/**
 * A UUID as ids are written in paths and forms: 8-4-4-4-12 hex digits, in
 * either case. The one definition behind the `uuid` field (server/validate.ts),
 * the `[id=uuid]` route parameters (src/params/uuid.ts) and the ids of the live
 * meeting document (server/meetings/projection.ts, in lower case there).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);
