/** Server configuration, read from the environment. */
export type ServerConfig = {
	/** postgres:// URL of a PostgreSQL server; when absent the embedded PGlite is used. */
	databaseUrl: string | undefined;
	/** Folder of the embedded database (or `memory://` for a throw-away in-memory one). */
	dataDir: string;
	/** Public origin of the app, e.g. https://focus.example.com; decides Secure cookies and the WebSocket Origin check. */
	origin: string | undefined;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	return {
		databaseUrl: env.DATABASE_URL?.trim() || undefined,
		dataDir: env.DATA_DIR?.trim() || '.data',
		origin: env.ORIGIN?.trim() || undefined
	};
}
