// Three instances on one PostgreSQL database and one Redis, stock y-websocket clients spread over
// them: concurrent edits converge, a change of the live-session stream and presence made on one
// instance is seen on the others, a removed member is cut off on every instance, a server change
// to the open rooms reaches every instance once, and kill -9 of one instance during an edit storm
// loses no acknowledged edit while its clients converge through the others.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { memberships } from '$lib/server/db/schema';
import { CloseCode } from '$lib/sync/close-codes';
import { roomNamePrefix } from '$lib/sync/room';
import {
	canRunInstances,
	openEventStream,
	redisMissingInCi,
	startInstances,
	type InstanceGroup
} from '../../utils/scale-instances';
import { connectClient, type TestClient } from '../../utils/sync-client';
import { testRoom } from '../../utils/sync-server';
import { acknowledgedKeys, startStormWriter, type StormWriter } from '../../utils/storm-writer';

it.runIf(redisMissingInCi)('has REDIS_URL under CI (the PostgreSQL run needs Redis)', () => {
	expect(process.env.REDIS_URL, 'REDIS_URL must be set for the PostgreSQL run').toBeTruthy();
});

describe.runIf(canRunInstances)('several instances', () => {
	let group: InstanceGroup;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		group = await startInstances(3);
	}, 120_000);

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await group?.stop();
	});

	function connect(instance: number, room: string, token: string, doc?: Y.Doc): TestClient {
		const client = connectClient(group.instances[instance].target, room, token, { doc });
		clients.push(client);
		return client;
	}

	function snapshot(doc: Y.Doc) {
		return { text: doc.getText('text').toString(), entries: doc.getMap('entries').toJSON() };
	}

	it('converges random concurrent edits made on every instance', async () => {
		const room = testRoom(group.seed.workspaceId);
		const editors = [0, 1, 2, 0, 1, 2].map((instance, i) =>
			connect(instance, room, i % 2 ? group.seed.memberToken : group.seed.adminToken)
		);
		await Promise.all(editors.map((editor) => editor.synced()));
		for (let round = 0; round < 60; round++) {
			editors.forEach((editor, i) => {
				const text = editor.doc.getText('text');
				if (Math.random() < 0.3 && text.length > 4) {
					text.delete(Math.floor(Math.random() * (text.length - 2)), 2);
				} else {
					text.insert(Math.floor(Math.random() * (text.length + 1)), `${i}:${round};`);
				}
				editor.doc.getMap('entries').set(`${i}-${round % 7}`, round);
			});
			await new Promise((next) => setTimeout(next, 10));
		}
		await vi.waitFor(
			() => {
				const first = snapshot(editors[0].doc);
				expect(first.text.length).toBeGreaterThan(0);
				for (const editor of editors) expect(snapshot(editor.doc)).toEqual(first);
			},
			{ timeout: 20_000, interval: 100 }
		);
		// Every editor's own entries reached everyone, so no instance kept edits to itself.
		expect(Object.keys(editors[0].doc.getMap('entries').toJSON())).toHaveLength(6 * 7);
	});

	it('relays presence between instances, stamped, to peers present and joining, and its removal', async () => {
		const room = testRoom(group.seed.workspaceId);
		const onA = connect(0, room, group.seed.adminToken);
		const onB = connect(1, room, group.seed.memberToken);
		await Promise.all([onA.synced(), onB.synced()]);
		onA.provider.awareness.setLocalState({ cursor: 7, user: { name: 'forged' } });
		const seenBy = (client: TestClient) =>
			client.provider.awareness.getStates().get(onA.doc.clientID) as
				{ cursor: number; user: { name: string } } | undefined;
		await vi.waitFor(() => {
			expect(seenBy(onB)?.cursor).toBe(7);
			expect(seenBy(onB)?.user.name).toBe('Ada Admin');
		});
		const onC = connect(2, room, group.seed.memberToken);
		await onC.synced();
		await vi.waitFor(() => expect(seenBy(onC)?.user.name).toBe('Ada Admin'));
		onA.provider.disconnect();
		await vi.waitFor(() => {
			expect(seenBy(onB)).toBeUndefined();
			expect(seenBy(onC)).toBeUndefined();
		});
	});

	it('shows a session change made on one instance to listeners on the others, with presence', async () => {
		const sessionId = crypto.randomUUID();
		const [a, b, c] = group.instances;
		const onB = openEventStream(`${b.http}/events/${sessionId}/participant-b`);
		const onC = openEventStream(`${c.http}/events/${sessionId}/participant-c`);
		try {
			await vi.waitFor(async () => {
				const present = await fetch(`${a.http}/present/${sessionId}`).then(
					(r) => r.json() as Promise<string[]>
				);
				expect(new Set(present)).toEqual(new Set(['participant-b', 'participant-c']));
			});
			await fetch(`${a.http}/publish/${sessionId}/session`, { method: 'POST' });
			await vi.waitFor(() => {
				expect(onB.text()).toContain('"topic":"session"');
				expect(onC.text()).toContain('"topic":"session"');
			});
		} finally {
			onB.close();
			onC.close();
		}
		await vi.waitFor(async () => {
			const present = await fetch(`${a.http}/present/${sessionId}`).then((r) => r.json());
			expect(present).toEqual([]);
		});
	});

	it('changes each open room once, on whichever instance has it open', async () => {
		const { workspaceId, adminToken } = group.seed;
		const onB = connect(1, testRoom(workspaceId), adminToken);
		const onC = connect(2, testRoom(workspaceId), adminToken);
		const alsoOnC = connect(2, onB.provider.roomname, adminToken);
		await Promise.all([onB.synced(), onC.synced(), alsoOnC.synced()]);
		const prefix = roomNamePrefix(workspaceId, 'note');
		const changed = await fetch(`${group.instances[0].http}/change-open/${prefix}/touched`, {
			method: 'POST'
		}).then((r) => r.json());
		expect(changed).toBeGreaterThanOrEqual(2);
		await vi.waitFor(() => {
			for (const client of [onB, onC, alsoOnC])
				expect(client.doc.getMap('notices').get('touched')).toBe(1);
		});
	});

	it('cuts a removed member off on every instance', async () => {
		const { workspaceId, adminToken, memberToken, memberUserId } = group.seed;
		const room = testRoom(workspaceId);
		const members = [0, 1, 2].map((instance) => connect(instance, room, memberToken));
		const admin = connect(1, room, adminToken);
		await Promise.all([...members, admin].map((client) => client.synced()));
		await db
			.delete(memberships)
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, memberUserId)));
		const closed = await fetch(`${group.instances[0].http}/reauthorize-user/${memberUserId}`, {
			method: 'POST'
		}).then((r) => r.json());
		// Its connections in the rooms of the earlier tests are cut too.
		expect(closed).toBeGreaterThanOrEqual(3);
		await vi.waitFor(() => {
			for (const member of members) expect(member.closeCodes).toContain(CloseCode.Forbidden);
		});
		for (const member of members) member.provider.disconnect();
		expect(admin.closeCodes).toEqual([]);
	});

	it('loses no acknowledged edit when an instance is killed during an edit storm', async () => {
		const room = testRoom(group.seed.workspaceId);
		const token = group.seed.adminToken;
		const startWriter = (instance: number, label: string, doc?: Y.Doc): StormWriter =>
			startStormWriter(connect(instance, room, token, doc), 'storm', label, 10);
		const writers = [0, 1, 2, 2].map((instance, i) => startWriter(instance, `w${i}`));
		await vi.waitFor(
			() => writers.forEach((writer) => expect(writer.received.size).toBeGreaterThan(40)),
			{ timeout: 20_000 }
		);
		const victim = group.instances[2];
		expect(await victim.process.stop('SIGKILL')).toBeNull();
		// Keys any client got from the servers were stored before they were sent (acknowledged).
		const acknowledged = acknowledgedKeys(writers);
		// The killed instance's clients move to the others, keeping their documents.
		const moved = writers.slice(2).map((writer, i) => {
			writer.stop();
			writer.client.provider.disconnect();
			return startWriter(i, `moved${i}`, writer.client.doc);
		});
		await new Promise((next) => setTimeout(next, 500));
		for (const writer of [...writers, ...moved]) writer.stop();

		const fresh = connect(1, room, token);
		await fresh.synced();
		const stored = new Set(fresh.doc.getMap('storm').keys());
		expect([...acknowledged].filter((key) => !stored.has(key))).toEqual([]);

		const written = new Set([...writers, ...moved].flatMap((writer) => writer.written));
		await vi.waitFor(
			() => {
				for (const client of [fresh, ...writers.slice(0, 2), ...moved].map((w) =>
					'client' in w ? w.client : w
				))
					expect(client.doc.getMap('storm').size).toBe(written.size);
			},
			{ timeout: 20_000 }
		);
	});
});
