import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { readConfig } from '../config';
import { claimFolder } from './folder-lock';
import * as schema from './schema';

const config = readConfig();
const migrationsFolder = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

function openPostgres(url: string) {
	const client = postgres(url, { max: 10, onnotice: () => {} });
	const database = drizzlePostgres(client, { schema });
	return {
		db: database,
		driver: 'postgres' as const,
		migrate: () => migratePostgres(database, { migrationsFolder }),
		listen: async (channel: string, onNotify: (payload: string) => void, onListen: () => void) => {
			await client.listen(channel, onNotify, onListen);
		},
		close: () => client.end({ timeout: 5 })
	};
}

function openPglite(dataDir: string) {
	const inMemory = dataDir.startsWith('memory://');
	if (!inMemory) mkdirSync(dataDir, { recursive: true });
	const client = new PGlite(inMemory ? dataDir : resolve(dataDir));
	const database = drizzlePglite(client, { schema });
	return {
		db: database,
		driver: 'pglite' as const,
		migrate: () => migratePglite(database, { migrationsFolder }),
		listen: async (channel: string, onNotify: (payload: string) => void, onListen: () => void) => {
			await client.listen(channel, onNotify);
			onListen();
		},
		close: () => client.close()
	};
}

const connection = config.databaseUrl
	? openPostgres(config.databaseUrl)
	: openPglite(config.dataDir);

/** The application's database, on PostgreSQL when DATABASE_URL is set, else on embedded PGlite. */
export const db = connection.db as ReturnType<typeof openPostgres>['db'];

/** Which driver `db` runs on. */
export const databaseDriver = connection.driver;

/**
 * On the embedded database, claims its folder for this process (see folder-lock.ts): throws
 * `FolderInUse` when another running process (a server, the demo seeder) uses it.
 */
export function claimDatabaseFolder(): void {
	if (config.databaseUrl || config.dataDir.startsWith('memory://')) return;
	claimFolder(config.dataDir);
}

let migrated: Promise<void> | undefined;

/** Applies the SQL migrations in `drizzle/` once per process. */
export function migrateDatabase(): Promise<void> {
	migrated ??= connection.migrate();
	return migrated;
}

/**
 * Calls `onNotify` with the payload of every NOTIFY on `channel`, from any connection, after its
 * transaction commits; `onListen` once listening and again after every reconnection (on
 * PostgreSQL a dedicated connection listens; PGlite calls back before the notifying query returns).
 */
export function listen(
	channel: string,
	onNotify: (payload: string) => void,
	onListen: () => void
): Promise<void> {
	return connection.listen(channel, onNotify, onListen);
}

/** Closes the connection pool (used on shutdown and by tests). */
export function closeDatabase(): Promise<void> {
	return connection.close();
}

/** A database or a transaction inside it: services accept either so callers can compose writes. */
export type Db = typeof db;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
