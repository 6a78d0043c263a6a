/** Mail settings, read from the environment. */
export type MailConfig = {
	/** smtp:// or smtps:// URL of the mail server; unset keeps mail in the outbox (see README). */
	smtpUrl: string | undefined;
	/** The From address of every message. */
	from: string;
	/** Public origin of the app, for the links in messages. */
	origin: string;
	/** False turns this process's mail worker off (another process sends). */
	workerEnabled: boolean;
};

export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
	const port = env.PORT?.trim() || '3000';
	return {
		smtpUrl: env.SMTP_URL?.trim() || undefined,
		from: env.MAIL_FROM?.trim() || 'Focusboard <focusboard@localhost>',
		origin: (env.ORIGIN?.trim() || `http://localhost:${port}`).replace(/\/+$/, ''),
		workerEnabled: env.MAIL_WORKER?.trim() !== 'off'
	};
}
