// A real SMTP server for the tests (the `smtp-server` package), keeping every message it accepts,
// parsed by `mailparser`. It can refuse for a while (451, try again later) or refuse a recipient
// for good (550), as real servers do.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type CapturedMail = {
	to: string[];
	subject: string;
	text: string;
	html: string;
	parsed: ParsedMail;
};

function smtpError(message: string, responseCode: number): Error {
	return Object.assign(new Error(message), { responseCode });
}

export async function startSmtpSink() {
	const received: CapturedMail[] = [];
	let refusals = 0;
	const rejected = new Set<string>();
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (rejected.has(address.address.toLowerCase()))
				return callback(smtpError('5.1.1 No such user here', 550));
			callback();
		},
		onData(stream, session, callback) {
			if (refusals > 0) {
				refusals -= 1;
				stream.resume();
				stream.on('end', () => callback(smtpError('4.3.2 Try again later', 451)));
				return;
			}
			simpleParser(stream)
				.then((parsed) => {
					received.push({
						to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
						subject: parsed.subject ?? '',
						text: parsed.text ?? '',
						html: typeof parsed.html === 'string' ? parsed.html : '',
						parsed
					});
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		/** Messages to one address. */
		to: (address: string) => received.filter((mail) => mail.to.includes(address.toLowerCase())),
		/** The next `count` messages are refused with a temporary error. */
		refuseNext(count: number) {
			refusals = count;
		},
		/** Mail to this address is refused for good. */
		rejectRecipient(address: string) {
			rejected.add(address.toLowerCase());
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
