import { describe, expect, it } from 'vitest';
import { CloseCode, closeNoticeOf } from '$lib/sync/close-codes';

describe('closeNoticeOf', () => {
	it('tells a person when their access changed or ended, or their sign-in ended', () => {
		expect(closeNoticeOf(CloseCode.AccessChanged)).toBe('access-changed');
		expect(closeNoticeOf(CloseCode.Forbidden)).toBe('forbidden');
		expect(closeNoticeOf(CloseCode.Unauthorized)).toBe('unauthorized');
	});

	it('tells them the server refused what the page sent', () => {
		for (const code of [
			CloseCode.BadMessage,
			CloseCode.BadUpdate,
			CloseCode.DocumentTooLarge,
			CloseCode.MessageTooBig,
			CloseCode.TooManyMessages
		])
			expect(closeNoticeOf(code)).toBe('refused');
	});

	it('says nothing of restarts and slow networks, after which the page reconnects by itself', () => {
		for (const code of [CloseCode.GoingAway, CloseCode.RoomReset, CloseCode.SlowConnection, 1006])
			expect(closeNoticeOf(code)).toBeNull();
	});
});
