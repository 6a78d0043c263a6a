// WebSocket close codes of the sync endpoint, shared by server and client. The stock y-websocket
// client stops reconnecting on 4400–4499 (a decision reconnecting cannot change) and retries with
// back-off on every other code; 45xx mirrors that as "try again later".

/** Why the server closed a sync connection. */
export const CloseCode = {
	/** The server is shutting down or restarting; reconnect. */
	GoingAway: 1001,
	/** A message was larger than the message size limit. */
	MessageTooBig: 1009,
	/** Handling a message failed unexpectedly on the server (logged there); reconnect. */
	ServerError: 1011,
	/** This instance is draining for a restart; reconnect at once (to another instance). */
	ServiceRestart: 1012,
	/** The connection's access changed (role, lock); reconnect to be authorized again. */
	AccessChanged: 4205,
	/** The server dropped its copy of the document after a failed apply; reconnect to reload it. */
	RoomReset: 4206,
	/** A malformed, truncated or unknown message. */
	BadMessage: 4400,
	/** The session is missing, expired or signed out. */
	Unauthorized: 4401,
	/** The user may not open this room (any more). */
	Forbidden: 4403,
	/** The update would make the document larger than its size limit. */
	DocumentTooLarge: 4413,
	/** A document update that does not decode or apply. */
	BadUpdate: 4422,
	/** The document could not be loaded; nothing was served. Try again later. */
	LoadFailed: 4500,
	/** The room has the maximum number of connections. Try again later. */
	RoomFull: 4503,
	/** Updates cannot be stored right now, so this one was not accepted. Try again later. */
	StoreUnavailable: 4507,
	/** The connection could not keep up with what the room sends it. */
	SlowConnection: 4508,
	/** More messages per second than allowed. */
	TooManyMessages: 4529
} as const;

/** One of the sync close codes. */
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Short English reason sent with each close code (a close reason must stay under 123 bytes). */
export const closeReasons: Record<CloseCodeValue, string> = {
	[CloseCode.GoingAway]: 'server going away',
	[CloseCode.MessageTooBig]: 'message too big',
	[CloseCode.ServerError]: 'server error',
	[CloseCode.ServiceRestart]: 'service restart',
	[CloseCode.AccessChanged]: 'access changed',
	[CloseCode.RoomReset]: 'room reset',
	[CloseCode.BadMessage]: 'bad message',
	[CloseCode.Unauthorized]: 'unauthorized',
	[CloseCode.Forbidden]: 'forbidden',
	[CloseCode.DocumentTooLarge]: 'document too large',
	[CloseCode.BadUpdate]: 'bad update',
	[CloseCode.LoadFailed]: 'document could not be loaded',
	[CloseCode.RoomFull]: 'room full',
	[CloseCode.StoreUnavailable]: 'storage unavailable',
	[CloseCode.SlowConnection]: 'connection too slow',
	[CloseCode.TooManyMessages]: 'too many messages'
};

/** True when reconnecting cannot help (the y-websocket convention, plus "too big", which a retry resends). */
export function isPermanentClose(code: number): boolean {
	return (code >= 4400 && code < 4500) || code === CloseCode.MessageTooBig;
}

/** What a person is told about a close: their access changed or ended, their sign-in ended, or the server refused the page's data. */
export type CloseNotice = 'access-changed' | 'forbidden' | 'unauthorized' | 'refused';

/** The notice for a close code; null for closes a person need not hear about (restarts, slow network). */
export function closeNoticeOf(code: number): CloseNotice | null {
	switch (code) {
		case CloseCode.AccessChanged:
			return 'access-changed';
		case CloseCode.Forbidden:
			return 'forbidden';
		case CloseCode.Unauthorized:
			return 'unauthorized';
		case CloseCode.BadMessage:
		case CloseCode.BadUpdate:
		case CloseCode.DocumentTooLarge:
		case CloseCode.MessageTooBig:
		case CloseCode.TooManyMessages:
			return 'refused';
		default:
			return null;
	}
}
