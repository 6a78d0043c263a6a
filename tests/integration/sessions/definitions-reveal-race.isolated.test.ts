// A save that was already under way when the facilitator revealed: it read the session before the
// reveal and writes after it. Either it is refused, or what it wrote is on the board: everyone
// must never see a definition the board does not have (nor one submitted after the reveal).
// The interleaving is made deterministic by holding one actor's request right after it loaded
// the session, as a busy process would between two awaits. (A fix that keeps a transaction or the
// session row lock open across loadSessionContext would make the reveal wait for the held save and
// this test time out; then hold the save after the lock is released instead.)
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { databaseDriver, db } from '$lib/server/db';
import { ownDefinitions } from '$lib/server/db/schema';
import type { SessionActor, SessionContext } from '$lib/server/sessions/access';
import {
	definitionsView,
	revealDefinitions,
	saveOwnDefinition,
	type RevealedDefinition
} from '$lib/server/sessions/definitions';
import { sessionWorld } from '../../utils/session-factories';

/** Requests of this user id pause after loading their session context until `resume` is called. */
const hold = vi.hoisted(() => ({
	userId: null as string | null,
	loaded: () => {},
	resume: () => {}
}));

vi.mock('$lib/server/sessions/access', async (importOriginal) => {
	const original = await importOriginal<typeof import('$lib/server/sessions/access')>();
	return {
		...original,
		async loadSessionContext(
			...args: Parameters<typeof original.loadSessionContext>
		): Promise<SessionContext> {
			const ctx = await original.loadSessionContext(...args);
			const actor: SessionActor = args[1];
			if (actor.kind === 'user' && actor.userId === hold.userId) {
				hold.userId = null;
				const resumed = new Promise<void>((resolve) => (hold.resume = resolve));
				hold.loaded();
				await resumed;
			}
			return ctx;
		}
	};
});

describe('a submission racing the reveal', () => {
	// Was a bug: the "already revealed" check read the session without the row lock the reveal
	// takes, so a save that loaded the session just before the reveal was written after it, shown
	// as revealed but never placed on the board. saveOwnDefinition now checks the stage again under
	// a shared lock on the session row, which the reveal's exclusive lock orders it against.
	it('is refused, or ends up on the board with everything else', async () => {
		const { sessionId, actors, accounts } = await sessionWorld({ anonymity: 'off' });
		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'Alice, in time', roleTag: '' },
			true
		);

		const bobLoaded = new Promise<void>((resolve) => (hold.loaded = resolve));
		hold.userId = accounts.bob.userId;
		const bobSave = saveOwnDefinition(
			db,
			actors.bob,
			sessionId,
			{ text: 'Bob, racing', roleTag: '' },
			true
		);
		await bobLoaded;

		let placed: RevealedDefinition[] = [];
		await revealDefinitions(db, actors.facilitator, sessionId, (_session, definitions) => {
			placed = definitions;
			return Promise.resolve();
		});
		hold.resume();
		const outcome = await bobSave.then(
			() => 'saved',
			(error: unknown) => error
		);

		const { loadSessionContext } = await import('$lib/server/sessions/access');
		const seen = (await definitionsView(db, await loadSessionContext(db, actors.alice, sessionId)))
			.definitions;
		expect(seen.map((d) => d.text).sort()).toEqual(placed.map((d) => d.text).sort());
		if (outcome !== 'saved') expect(outcome).toMatchObject({ code: 'stage_not_open' });
	});

	// On PostgreSQL the two really run at once. The save takes a shared lock on the session row
	// before it writes, so a reveal that comes while a save is under way waits for it and places
	// what it saved. (PGlite has one connection: its transactions never overlap.) The save is held
	// mid-transaction by a row lock the test takes on the author's draft, after the session row.
	it.runIf(databaseDriver === 'postgres')(
		'makes a reveal wait for a save under way, and places what it saved',
		async () => {
			const { sessionId, actors } = await sessionWorld({ anonymity: 'off' });
			await saveOwnDefinition(
				db,
				actors.alice,
				sessionId,
				{ text: 'Alice, in time', roleTag: '' },
				true
			);
			await saveOwnDefinition(
				db,
				actors.bob,
				sessionId,
				{ text: 'Bob, draft', roleTag: '' },
				false
			);
			const { loadSessionContext } = await import('$lib/server/sessions/access');
			const bob = (await loadSessionContext(db, actors.bob, sessionId)).participant;

			let release = () => {};
			let rowLocked = () => {};
			const locked = new Promise<void>((resolve) => (rowLocked = resolve));
			const holder = db.transaction(async (tx) => {
				await tx
					.select({ id: ownDefinitions.id })
					.from(ownDefinitions)
					.where(
						and(eq(ownDefinitions.sessionId, sessionId), eq(ownDefinitions.participantId, bob.id))
					)
					.for('update');
				rowLocked();
				await new Promise<void>((resolve) => (release = resolve));
			});
			await locked;

			// Bob's submission takes the session row (shared), then waits for his draft's row.
			const bobSave = saveOwnDefinition(
				db,
				actors.bob,
				sessionId,
				{ text: 'Bob, mid-save', roleTag: '' },
				true
			);
			await vi.waitFor(async () => expect(await sessionsWaitingOnLocks()).toBe(1));
			let placed: RevealedDefinition[] = [];
			const reveal = revealDefinitions(db, actors.facilitator, sessionId, (_s, definitions) => {
				placed = definitions;
				return Promise.resolve();
			});
			// The reveal waits for the session row Bob's save holds.
			await vi.waitFor(async () => expect(await sessionsWaitingOnLocks()).toBe(2));
			release();
			await holder;
			await expect(bobSave).resolves.toMatchObject({ text: 'Bob, mid-save' });
			await reveal;

			expect(placed.map((d) => d.text).sort()).toEqual(['Alice, in time', 'Bob, mid-save']);
			const seen = (
				await definitionsView(db, await loadSessionContext(db, actors.alice, sessionId))
			).definitions;
			expect(seen.map((d) => d.text).sort()).toEqual(['Alice, in time', 'Bob, mid-save']);
		}
	);
});

/** Connections to this test's database that are waiting for a row lock right now. */
async function sessionsWaitingOnLocks(): Promise<number> {
	const rows = await db.execute<{ n: number }>(
		sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`
	);
	return Number(rows[0]?.n ?? 0);
}
