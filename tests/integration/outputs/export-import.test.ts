// The JSON export of a whole session, and its import into another workspace: what the file holds
// (and never holds), the same report on the other side, and imports that are refused whole.
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { readBoard } from '$lib/board/doc';
import { readCriteria } from '$lib/criteria/doc';
import { DRAFT_FIELD } from '$lib/draft/schema';
import type { SessionReport } from '$lib/outputs/report';
import { db } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { renderDraft } from '$lib/server/draft/render';
import { readDoc } from '$lib/server/outputs/documents';
import { exportSession } from '$lib/server/outputs/export';
import { importSession } from '$lib/server/outputs/import';
import { criteriaCsv } from '$lib/server/outputs/csv';
import { reportMarkdown } from '$lib/server/outputs/markdown';
import { loadReport } from '$lib/server/outputs/report';
import { loadSessionContext } from '$lib/server/sessions/access';
import { criteriaTotals, votingView, winningCriteria } from '$lib/server/voting';
import { readDefinition } from '$lib/server/publications/reader';
import { createMember } from '../../utils/factories';
import {
	FAY_DRAFT,
	PROPOSALS,
	outputsWorld,
	throughVote,
	wholeSession,
	writeDefinitions,
	type World
} from './world';

const exportBy = (world: World, account: { userId: string }) =>
	exportSession(db, account.userId, world.workspaceId, world.sessionId, world.docs);

/** The report with what differs by design between workspaces taken out: ids, workspace, people's accounts. */
function comparable(report: SessionReport) {
	const texts = new Map(report.definitions.items.map((d) => [d.id, d.text]));
	return {
		session: { ...report.session, id: undefined, workspaceId: undefined, workspaceName: undefined },
		showsAuthors: report.showsAuthors,
		people: report.participants.map((p) => [p.name, p.facilitator]),
		definitions: report.definitions.items.map(({ id, themeId, ...rest }) => ({
			...rest,
			theme: report.themes.find((t) => t.id === themeId)?.name ?? null,
			known: Boolean(id)
		})),
		themes: report.themes.map((t) => [t.name, t.definitionIds.map((id) => texts.get(id))]),
		// Totals, ranks and winners travel with the vote (as carried totals on the other side).
		criteria: report.criteria,
		winners: [...report.winners].sort(),
		versions: report.versions.map(({ createdBy, ...rest }) => rest),
		consensus: report.consensus,
		publications: report.publications
	};
}

async function rowCounts() {
	const tables = {
		strategySessions: schema.strategySessions,
		sessionParticipants: schema.sessionParticipants,
		ownDefinitions: schema.ownDefinitions,
		voteRounds: schema.voteRounds,
		voteItems: schema.voteItems,
		votes: schema.votes,
		draftVersions: schema.draftVersions,
		consensusRounds: schema.consensusRounds,
		consensusAnswers: schema.consensusAnswers,
		publications: schema.publications,
		ydocUpdates: schema.ydocUpdates
	};
	const counts: Record<string, number> = {};
	for (const [name, table] of Object.entries(tables)) {
		const [row] = await db.select({ n: count() }).from(table);
		counts[name] = Number(row.n);
	}
	return counts;
}

describe('the session export', () => {
	it('holds the whole session, individual votes never', async () => {
		const world = await outputsWorld('partial');
		await wholeSession(world);
		const file = await exportBy(world, world.accounts.admin);
		const text = JSON.stringify(file);

		expect(file.format).toBe('focusboard.session/1');
		expect(file.session).toMatchObject({
			title: 'Customer focus 2026: “partners”',
			anonymity: 'partial',
			currentStage: 'publish'
		});
		expect(file.participants.map((p) => [p.name, p.facilitator, p.guest])).toEqual([
			['Fay Facilitator', true, false],
			['Alice Andreeva', false, false],
			['Bob Borisov', false, false],
			['Gina Guest', false, true]
		]);
		expect(file.definitions).toHaveLength(3);
		expect(text).not.toContain(FAY_DRAFT);
		expect(file.votes).toHaveLength(1);
		expect(Object.keys(file.votes[0]).sort()).toEqual([
			'budget',
			'closedAt',
			'items',
			'maxPerItem',
			'openedAt',
			'status'
		]);
		for (const item of file.votes[0].items)
			expect(Object.keys(item).sort()).toEqual(['isWinner', 'position', 'text', 'total']);
		expect(file.votes[0].items.map((i) => i.total)).toEqual([2, 4, 1]);
		expect(text).not.toMatch(/"dots"|"participantId"/);
		expect(file.versions.map((v) => v.number)).toEqual([1, 2]);
		expect(file.consensus.map((r) => [r.status, r.answers.length])).toEqual([
			['objected', 2],
			['agreed', 3]
		]);
		expect(file.publications).toHaveLength(1);
		expect(file.documents.board && file.documents.criteria && file.documents.draft).toBeTruthy();
	});

	it('carries no definitions before the reveal and no totals before the vote is revealed', async () => {
		const hidden = await outputsWorld('off');
		await writeDefinitions(hidden);
		const before = await exportBy(hidden, hidden.accounts.admin);
		expect(before.definitions).toEqual([]);
		expect(JSON.stringify(before)).not.toContain('customer as a partner');

		const voting = await outputsWorld('off');
		await throughVote(voting, { reveal: false });
		const file = await exportBy(voting, voting.accounts.admin);
		expect(file.votes[0].status).toBe('open');
		expect(file.votes[0].items.every((item) => item.total === null && !item.isWinner)).toBe(true);
	});

	it('links nobody to what they wrote or answered under full anonymity', async () => {
		const world = await outputsWorld('full');
		await wholeSession(world);
		const file = await exportBy(world, world.accounts.admin);
		const named = new Set(file.participants.filter((p) => p.name !== null).map((p) => p.ref));
		const contributions = [
			...file.definitions.map((d) => d.participant),
			...file.consensus.flatMap((r) => r.answers.map((a) => a.participant))
		];
		expect(contributions).toHaveLength(8);
		expect(contributions.some((ref) => named.has(ref))).toBe(false);
		expect(new Set(contributions).size).toBe(contributions.length);
		expect(file.participants.filter((p) => p.name !== null).map((p) => p.name)).toEqual([
			'Fay Facilitator',
			'Alice Andreeva',
			'Bob Borisov',
			'Gina Guest'
		]);
	});

	it('is for the session’s facilitators and the workspace’s admins', async () => {
		const world = await outputsWorld();
		const cohost = await createMember(world.accounts.admin, 'admin', 'Ada Second Admin');
		await expect(exportBy(world, cohost)).resolves.toMatchObject({
			format: 'focusboard.session/1'
		});
		for (const account of [world.accounts.alice, world.accounts.cora])
			await expect(exportBy(world, account)).rejects.toMatchObject({
				code: 'forbidden',
				status: 403
			});
		await expect(exportBy(world, world.accounts.olga)).rejects.toMatchObject({ status: 403 });
		await expect(exportBy(world, world.accounts.stranger)).rejects.toMatchObject({ status: 403 });
	});
});

describe('importing a session into another workspace', () => {
	it('gives the same report there, with the importer as facilitator and people kept by name', async () => {
		for (const anonymity of ['partial', 'full', 'off'] as const) {
			const world = await outputsWorld(anonymity);
			await wholeSession(world);
			const file = await exportBy(world, world.accounts.admin);
			const target = world.accounts.stranger;
			const { sessionId } = await importSession(
				db,
				target.userId,
				target.workspaceId,
				JSON.stringify(file),
				world.docs,
				{ publish: true }
			);

			const original = await loadReport(
				db,
				world.accounts.admin.userId,
				world.workspaceId,
				world.sessionId,
				world.docs
			);
			const imported = await loadReport(
				db,
				target.userId,
				target.workspaceId,
				sessionId,
				world.docs
			);
			expect(imported.session.workspaceId).toBe(target.workspaceId);
			expect(
				comparable({
					...imported,
					participants: imported.participants.filter((p) => p.name !== 'Sam Stranger')
				})
			).toEqual(comparable(original));
			expect(imported.criteria.revealed?.dotsGiven).toBe(7);
			expect(imported.participants).toContainEqual({
				name: 'Sam Stranger',
				facilitator: true,
				guest: false
			});
			expect(
				imported.participants.filter((p) => p.name !== 'Sam Stranger').every((p) => p.guest)
			).toBe(true);

			// Nobody can sign in as the people of the file: their rows have no token.
			const rows = await db
				.select()
				.from(schema.sessionParticipants)
				.where(eq(schema.sessionParticipants.sessionId, sessionId));
			expect(
				rows.filter((row) => row.userId === null).every((row) => row.guestTokenHash === null)
			).toBe(true);
			expect(
				rows.filter((row) => row.userId !== null).map((row) => [row.userId, row.isFacilitator])
			).toEqual([[target.userId, true]]);
			const [session] = await db
				.select()
				.from(schema.strategySessions)
				.where(eq(schema.strategySessions.id, sessionId));
			expect(session).toMatchObject({
				guestCode: null,
				createdBy: target.userId,
				workspaceId: target.workspaceId
			});
		}
	});

	it('re-creates the rooms under the new session, cards renamed to the new definitions', async () => {
		const world = await outputsWorld('partial');
		await wholeSession(world);
		const target = world.accounts.stranger;
		const file = await exportBy(world, world.accounts.admin);
		const { sessionId } = await importSession(
			db,
			target.userId,
			target.workspaceId,
			JSON.stringify(file),
			world.docs
		);
		const session = { id: sessionId, workspaceId: target.workspaceId };
		const board = await readDoc(world.docs, session, 'board', readBoard);
		const definitions = await db
			.select()
			.from(schema.ownDefinitions)
			.where(eq(schema.ownDefinitions.sessionId, sessionId));
		expect(board.cards.map((card) => card.id).sort()).toEqual(definitions.map((d) => d.id).sort());
		expect(board.cards.every((card) => card.author === null)).toBe(true);
		expect(board.themes.map((theme) => theme.name)).toEqual([
			'Customer as a partner',
			'Discounts and gifts'
		]);
		expect(
			(await readDoc(world.docs, session, 'criteria', readCriteria)).map((c) => c.text)
		).toHaveLength(3);
		expect(
			(
				await readDoc(world.docs, session, 'draft', (doc) =>
					renderDraft(doc.getXmlFragment(DRAFT_FIELD))
				)
			).text
		).toBe('We treat external and internal customers as partners.');
	});

	it('publishes in the target workspace only when asked', async () => {
		const world = await outputsWorld('off');
		await wholeSession(world);
		const target = world.accounts.stranger;
		const text = JSON.stringify(await exportBy(world, world.accounts.admin));
		const quiet = await importSession(db, target.userId, target.workspaceId, text, world.docs);
		expect(await readDefinition(db, target.userId, target.workspaceId)).toBeNull();
		expect(
			(await loadReport(db, target.userId, target.workspaceId, quiet.sessionId, world.docs))
				.publications
		).toEqual([]);

		await importSession(db, target.userId, target.workspaceId, text, world.docs, { publish: true });
		await importSession(db, target.userId, target.workspaceId, text, world.docs, { publish: true });
		const page = await readDefinition(db, target.userId, target.workspaceId);
		expect(page?.publication).toMatchObject({
			version: 2,
			sessionTitle: 'Customer focus 2026: “partners”'
		});
	});

	it('is for admins and facilitators of the target workspace', async () => {
		const world = await outputsWorld();
		await wholeSession(world);
		const text = JSON.stringify(await exportBy(world, world.accounts.admin));
		const before = await rowCounts();
		for (const account of [world.accounts.alice, world.accounts.olga])
			await expect(
				importSession(db, account.userId, world.workspaceId, text, world.docs)
			).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			importSession(
				db,
				world.accounts.alice.userId,
				world.accounts.stranger.workspaceId,
				text,
				world.docs
			)
		).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await rowCounts()).toEqual(before);
		await expect(
			importSession(db, world.accounts.cora.userId, world.workspaceId, text, world.docs)
		).resolves.toMatchObject({
			sessionId: expect.any(String)
		});
	});

	it('keeps the vote totals: ranking, winners, report, CSV and a second export are the same', async () => {
		const world = await outputsWorld('partial');
		await wholeSession(world);
		const file = await exportBy(world, world.accounts.admin);
		const target = world.accounts.stranger;
		const { sessionId } = await importSession(
			db,
			target.userId,
			target.workspaceId,
			JSON.stringify(file),
			world.docs
		);

		// Stored as carried totals, never as someone's votes.
		const items = await db
			.select({ text: schema.voteItems.text, carriedTotal: schema.voteItems.carriedTotal })
			.from(schema.voteItems)
			.innerJoin(schema.voteRounds, eq(schema.voteRounds.id, schema.voteItems.roundId))
			.where(eq(schema.voteRounds.sessionId, sessionId))
			.orderBy(schema.voteItems.position);
		expect(items).toEqual([
			{ text: PROPOSALS[0], carriedTotal: 2 },
			{ text: PROPOSALS[1], carriedTotal: 4 },
			{ text: PROPOSALS[2], carriedTotal: 1 }
		]);
		const [{ n: votesThere }] = await db
			.select({ n: count() })
			.from(schema.votes)
			.innerJoin(schema.voteRounds, eq(schema.voteRounds.id, schema.votes.roundId))
			.where(eq(schema.voteRounds.sessionId, sessionId));
		expect(Number(votesThere)).toBe(0);

		// The voting service (results, stage 4 checklist) ranks them as in the original.
		const ranked = (rows: { text: string; total: number; rank: number; isWinner: boolean }[]) =>
			rows.map(({ text, total, rank, isWinner }) => ({ text, total, rank, isWinner }));
		expect(ranked(await criteriaTotals(db, sessionId))).toEqual([
			{ text: PROPOSALS[1], total: 4, rank: 1, isWinner: true },
			{ text: PROPOSALS[0], total: 2, rank: 2, isWinner: true },
			{ text: PROPOSALS[2], total: 1, rank: 3, isWinner: false }
		]);
		expect(ranked(await criteriaTotals(db, sessionId))).toEqual(
			ranked(await criteriaTotals(db, world.sessionId))
		);
		expect((await winningCriteria(db, sessionId)).map((c) => c.text)).toEqual([
			PROPOSALS[1],
			PROPOSALS[0]
		]);
		const importer = await loadSessionContext(
			db,
			{ kind: 'user', userId: target.userId, name: target.name },
			sessionId
		);
		const view = await votingView(db, importer);
		expect(view.round?.items.map((item) => [item.text, item.total, item.rank])).toEqual([
			[PROPOSALS[1], 4, 1],
			[PROPOSALS[0], 2, 2],
			[PROPOSALS[2], 1, 3]
		]);

		// Report, Markdown and CSV show the same totals as the original's.
		const original = await loadReport(
			db,
			world.accounts.admin.userId,
			world.workspaceId,
			world.sessionId,
			world.docs
		);
		const imported = await loadReport(db, target.userId, target.workspaceId, sessionId, world.docs);
		expect(imported.criteria).toEqual(original.criteria);
		expect(imported.criteria.revealed?.dotsGiven).toBe(7);
		const csv = criteriaCsv(imported, 'en');
		expect(csv).toBe(criteriaCsv(original, 'en'));
		expect(csv.split('\r\n').slice(1, 4)).toEqual([
			`1,${PROPOSALS[1]},4,yes`,
			`2,${PROPOSALS[0]},2,yes`,
			`3,'${PROPOSALS[2]},1,`
		]);
		expect(reportMarkdown(imported, 'en')).toContain(`| 1 | ${PROPOSALS[1]} | 4 | ✓ |`);

		// Exported again from there, the totals are the same: they survive any number of moves.
		const again = await exportSession(db, target.userId, target.workspaceId, sessionId, world.docs);
		expect(again.votes).toEqual(file.votes);
	});
});

describe('a refused import', () => {
	it('writes nothing: no row, no room', async () => {
		const world = await outputsWorld('off');
		await wholeSession(world);
		const target = world.accounts.stranger;
		const file = await exportBy(world, world.accounts.admin);
		const variants: [string, string][] = [
			['import_not_json', '{"format":'],
			['import_wrong_format', JSON.stringify({ ...file, format: 'focusboard.session/9' })],
			[
				'import_invalid',
				JSON.stringify({
					...file,
					definitions: [...file.definitions, { ...file.definitions[0], ref: 'another' }]
				})
			],
			[
				'import_invalid',
				JSON.stringify({
					...file,
					documents: {
						...file.documents,
						draft: Buffer.from('not a yjs update').toString('base64')
					}
				})
			],
			[
				'import_invalid',
				JSON.stringify({ ...file, session: { ...file.session, goal: 'a\u0000b' } })
			],
			['import_too_large', JSON.stringify({ ...file, padding: 'x'.repeat(8 * 1024 * 1024) })]
		];
		const before = await rowCounts();
		const rooms = roomsOf(world);
		for (const [code, text] of variants)
			await expect(
				importSession(db, target.userId, target.workspaceId, text, world.docs)
			).rejects.toMatchObject({ code });
		expect(await rowCounts()).toEqual(before);
		expect(roomsOf(world)).toEqual(rooms);
	});

	it('rolls back every row when writing fails halfway', async () => {
		const world = await outputsWorld('off');
		await wholeSession(world);
		const target = world.accounts.stranger;
		const text = JSON.stringify(await exportBy(world, world.accounts.admin));
		const before = await rowCounts();
		// A database whose transactions fail on the consensus answers, after most rows were written.
		const failing = new Proxy(db, {
			get(base, key, receiver) {
				if (key !== 'transaction') return Reflect.get(base, key, receiver) as unknown;
				return (work: (tx: unknown) => Promise<unknown>) =>
					base.transaction((tx) =>
						work(
							new Proxy(tx, {
								get(inner, name, innerReceiver) {
									if (name !== 'insert') return Reflect.get(inner, name, innerReceiver) as unknown;
									return (table: unknown) => {
										if (table === schema.consensusAnswers) throw new Error('disk full');
										return inner.insert(table as typeof schema.consensusAnswers);
									};
								}
							})
						)
					);
			}
		});
		await expect(
			importSession(failing, target.userId, target.workspaceId, text, world.docs)
		).rejects.toThrow('disk full');
		const after = await rowCounts();
		expect({ ...after, ydocUpdates: 0 }).toEqual({ ...before, ydocUpdates: 0 });
	});
});

/** Names of the rooms the world's in-memory documents hold. */
function roomsOf(world: World): string[] {
	if (!world.rooms) throw new Error('a world with in-memory documents');
	return [...world.rooms.keys()].sort();
}
