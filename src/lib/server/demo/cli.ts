// `npm run seed:demo`: creates (idempotently) the demo workspace and prints how to sign in.
import { closeDatabase, databaseDriver, db, migrateDatabase } from '../db';
import { DEMO_PASSWORD, seedDemo } from './seed';

await migrateDatabase();
const { workspaceId, accounts } = await seedDemo(db);
console.log(`Demo workspace "Northwind Clinics" is ready (${databaseDriver}), id ${workspaceId}.`);
console.log(`Sign in at /signin with any of these e-mails and the password "${DEMO_PASSWORD}":`);
console.table(
	accounts.map(({ name, email, role, department }) => ({ name, email, role, department }))
);
await closeDatabase();
