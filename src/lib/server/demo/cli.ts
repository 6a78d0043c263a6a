// `npm run seed:demo`: creates (idempotently) the demo workspace and prints how to sign in.
import { readConfig } from '../config';
import { claimFolder, FolderInUse } from '../db/folder-lock';

const config = readConfig();
// Before the embedded database is opened at all: a second process on a folder the server is using
// would write to its own copy, which the server never sees.
if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) {
	try {
		claimFolder(config.dataDir);
	} catch (error) {
		if (!(error instanceof FolderInUse)) throw error;
		console.error(
			[
				`The Focusboard server (process ${error.pid}) is running on the embedded database in ${error.folder}.`,
				'Two processes cannot share that database: what this one wrote, the running server would not see.',
				'Stop the server (Ctrl+C in its terminal), run `npm run seed:demo` again, then start the server again',
				'(`npm start`, or `npm run dev`). With a PostgreSQL server (DATABASE_URL) you can seed while it runs.'
			].join('\n')
		);
		process.exit(1);
	}
}

const { closeDatabase, databaseDriver, db, migrateDatabase } = await import('../db');
const { DEMO_PASSWORD, seedDemo } = await import('./seed');

await migrateDatabase();
const { workspaceId, accounts } = await seedDemo(db);
console.log(`Demo workspace "Northwind Clinics" is ready (${databaseDriver}), id ${workspaceId}.`);
console.log(`Sign in at /signin with any of these e-mails and the password "${DEMO_PASSWORD}":`);
console.table(
	accounts.map(({ name, email, role, department }) => ({ name, email, role, department }))
);
await closeDatabase();
