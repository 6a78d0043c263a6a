import { customType } from 'drizzle-orm/pg-core';

/** Raw bytes (Yjs updates, snapshots, uploads) as `bytea`. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	toDriver: (value) => value,
	fromDriver: (value) => new Uint8Array(value)
});
