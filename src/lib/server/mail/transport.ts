// Where rendered messages go: a mail server through nodemailer, or nowhere (the outbox in the
// database is then the only copy, readable by admins).
import nodemailer from 'nodemailer';

/** One message ready to leave. */
export type OutgoingMail = { to: string; subject: string; text: string; html: string };

export type MailTransport = {
	via: 'smtp' | 'outbox';
	send(mail: OutgoingMail): Promise<void>;
	close(): void;
};

/** The server refused the message for good (5xx): trying again will not help. */
export function isPermanentFailure(error: unknown): boolean {
	if (typeof error !== 'object' || error === null || !('responseCode' in error)) return false;
	const code = Number(error.responseCode);
	return code >= 500 && code < 600;
}

export function smtpTransport(url: string, from: string): MailTransport {
	const transporter = nodemailer.createTransport(url, { from });
	return {
		via: 'smtp',
		async send(mail) {
			await transporter.sendMail({ ...mail, from });
		},
		close: () => transporter.close()
	};
}

export const outboxTransport: MailTransport = {
	via: 'outbox',
	async send() {},
	close() {}
};
