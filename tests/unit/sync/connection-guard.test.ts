// A throw while handling one connection's message closes that connection (logged), and goes no
// further: a throw out of a ws listener would end the process, and every room with it.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { CloseCode } from '$lib/sync/close-codes';
import type { SyncLimits } from '$lib/server/sync/config';
import { SyncConnection, type ConnectionContext } from '$lib/server/sync/connection';
import { SyncRoom } from '$lib/server/sync/document-room';
import { UpdateStoreQueue } from '$lib/server/sync/store-queue';
import { awarenessFrame, awarenessUpdate, deepJson } from '../../utils/sync-frames';

const limits: SyncLimits = {
	maxMessageBytes: 1024 * 1024,
	maxDocumentBytes: 1024 * 1024,
	maxConnectionsPerRoom: 10,
	maxMessagesPerSecond: 100,
	messageBurst: 100,
	maxEchoesPerSecond: 100,
	echoBurst: 100,
	maxBufferedBytes: 1024 * 1024,
	maxPendingBytes: 1024 * 1024,
	maxClientIdsPerConnection: 4,
	maxAwarenessStateBytes: 16 * 1024,
	maxAwarenessDepth: 16,
	maxAwarenessValues: 512,
	maxUpdateClock: 2 ** 32,
	maxGappedUpdates: 20,
	maxBatchRows: 100,
	maxBatchBytes: 1024 * 1024,
	maxBatchesInFlight: 4
};

/** The parts of a ws socket a connection uses. */
class FakeSocket extends EventEmitter {
	readonly CONNECTING = 0;
	readonly OPEN = 1;
	readyState = 1;
	bufferedAmount = 0;
	closedWith: number | null = null;
	send(): void {}
	close(code: number): void {
		this.closedWith = code;
		this.readyState = 2;
	}
	terminate(): void {
		this.readyState = 3;
	}
}

function connect() {
	const log = { warn: vi.fn(), error: vi.fn() };
	const queue = new UpdateStoreQueue(() => Promise.resolve(), {
		maxBatchRows: 100,
		maxBatchBytes: 1024 * 1024,
		maxInFlight: 4,
		retryMinMs: 10,
		retryMaxMs: 100,
		log
	});
	const room = new SyncRoom('room', queue, limits, () => {});
	room.load({ snapshot: null, updates: [] });
	const socket = new FakeSocket();
	const context: ConnectionContext = {
		limits,
		log,
		isShuttingDown: () => false,
		onRoomTainted: () => {},
		onClosed: () => {}
	};
	const user = { id: 'u1', email: 'u1@example.com', name: 'U', language: 'en' };
	// The fake carries only what SyncConnection touches of a ws WebSocket.
	const ws = socket as unknown as WebSocket;
	const connection = new SyncConnection(
		ws,
		room,
		{ user, guest: null, token: 't' },
		'write',
		context
	);
	connection.start();
	return { connection, room, socket, log };
}

describe('a connection that fails while handling a message', () => {
	it('is closed with a server-error code and logged, and the error goes no further', () => {
		const { room, socket, log } = connect();
		vi.spyOn(room.presence, 'admit').mockImplementation(() => {
			throw new RangeError('Maximum call stack size exceeded');
		});
		const frame = awarenessFrame(awarenessUpdate([{ clientId: 1, clock: 1, json: '{}' }]));
		expect(() => socket.emit('message', Buffer.from(frame), true)).not.toThrow();
		expect(socket.closedWith).toBe(CloseCode.ServerError);
		expect(log.error).toHaveBeenCalledOnce();
		expect(room.members.size).toBe(0);
	});

	it('closes a sender of a 100,000-level awareness state with bad-message, without throwing', () => {
		const { socket } = connect();
		const frame = awarenessFrame(
			awarenessUpdate([{ clientId: 1, clock: 1, json: deepJson(100_000) }])
		);
		expect(() => socket.emit('message', Buffer.from(frame), true)).not.toThrow();
		expect(socket.closedWith).toBe(CloseCode.BadMessage);
	});
});
