// The HTTP side of the upgrade: which room a request asks for, and how a refusal is answered.
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';

/** Path under which rooms are served: `/sync/<room name>`. */
export const SYNC_PATH = '/sync/';

/** The room name in an upgrade request's URL (query ignored), or null when the path is not `/sync/<name>`. */
export function roomNameFromUrl(url: string | undefined): string | null {
	if (!url?.startsWith(SYNC_PATH)) return null;
	const end = url.search(/[?#]/);
	const name = url.slice(SYNC_PATH.length, end < 0 ? undefined : end);
	return name.length > 0 && !name.includes('/') ? name : null;
}

/** True when the socket can no longer be upgraded (closed, refused, timed out). */
export function isSocketGone(socket: Duplex): boolean {
	return socket.destroyed || !socket.writable;
}

/** Answers an upgrade request with a bare HTTP status and drops the socket. */
export function refuseUpgrade(socket: Duplex, status: number): void {
	if (isSocketGone(socket)) return;
	const text = STATUS_CODES[status] ?? 'Error';
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
	);
}
