// The session report: what it contains, what anonymity hides from whom, and what it never holds
// (definitions before the reveal, totals before the vote is revealed, anyone's own dots).
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addCriterion } from '$lib/criteria/doc';
import { db } from '$lib/server/db';
import { sessionParticipants, votes } from '$lib/server/db/schema';
import { criteriaCsv, definitionsCsv } from '$lib/server/outputs/csv';
import { reportMarkdown } from '$lib/server/outputs/markdown';
import { loadReport } from '$lib/server/outputs/report';
import { revealDefinitions } from '$lib/server/sessions/definitions';
import { goToStage } from '$lib/server/sessions/controls';
import { closeVote } from '$lib/server/voting';
import {
	DEFINITIONS,
	FAY_DRAFT,
	PROPOSALS,
	outputsWorld,
	throughVote,
	wholeSession,
	writeDefinitions,
	type World
} from './world';

const reportFor = (world: World, account: { userId: string }) =>
	loadReport(db, account.userId, world.workspaceId, world.sessionId, world.docs);

/** Everything a viewer could get out of the report, as text. */
async function allOutputs(world: World, account: { userId: string }) {
	const report = await reportFor(world, account);
	return [
		JSON.stringify(report),
		reportMarkdown(report, 'en'),
		definitionsCsv(report, 'en'),
		criteriaCsv(report, 'en')
	].join('\n');
}

async function participantIds(world: World) {
	const rows = await db
		.select({ id: sessionParticipants.id })
		.from(sessionParticipants)
		.where(eq(sessionParticipants.sessionId, world.sessionId));
	return rows.map((row) => row.id);
}

describe('the session report', () => {
	it('holds everything the session produced', async () => {
		const world = await outputsWorld('off');
		await wholeSession(world);
		const report = await reportFor(world, world.accounts.alice);

		expect(report.session).toMatchObject({
			title: 'Customer focus 2026: “partners”',
			scheduledOn: '2026-03-14',
			anonymity: 'off'
		});
		expect(report.participants).toEqual([
			{ name: 'Fay Facilitator', facilitator: true, guest: false },
			{ name: 'Alice Andreeva', facilitator: false, guest: false },
			{ name: 'Bob Borisov', facilitator: false, guest: false },
			{ name: 'Gina Guest', facilitator: false, guest: true }
		]);
		expect(report.definitions.revealed).toBe(true);
		expect(report.definitions.items.map((d) => [d.text, d.roleTag, d.author])).toEqual([
			[DEFINITIONS.alice.text, 'Sales', 'Alice Andreeva'],
			[DEFINITIONS.bob.text, 'Security', 'Bob Borisov'],
			[DEFINITIONS.gina.text, DEFINITIONS.gina.roleTag, 'Gina Guest']
		]);
		const texts = new Map(report.definitions.items.map((d) => [d.id, d.text]));
		expect(report.themes.map((t) => [t.name, t.definitionIds.map((id) => texts.get(id))])).toEqual([
			['Customer as a partner', [DEFINITIONS.alice.text, DEFINITIONS.gina.text]],
			['Discounts and gifts', []]
		]);
		expect(
			report.definitions.items.find((d) => d.text === DEFINITIONS.bob.text)?.themeId
		).toBeNull();
		expect(report.criteria.revealed?.items).toEqual([
			{ text: PROPOSALS[1], position: 1, total: 4, rank: 1, isWinner: true },
			{ text: PROPOSALS[0], position: 0, total: 2, rank: 2, isWinner: true },
			{ text: PROPOSALS[2], position: 2, total: 1, rank: 3, isWinner: false }
		]);
		expect(report.criteria.revealed).toMatchObject({ budget: 3, maxPerItem: 2 });
		expect(report.criteria.pending).toBeNull();
		expect(report.winners).toEqual([PROPOSALS[1], PROPOSALS[0]]);
		expect(report.versions.map((v) => [v.number, v.name, v.text, v.createdBy])).toEqual([
			[1, 'First draft', 'We treat customers as partners.', 'Fay Facilitator'],
			[
				2,
				'Second draft',
				'We treat external and internal customers as partners.',
				'Fay Facilitator'
			]
		]);
		expect(report.versions[1].html).toBe(
			'<p><strong>We </strong>treat external and internal customers as partners.</p>'
		);
		expect(report.consensus.map((r) => [r.versionNumber, r.status, r.tally])).toEqual([
			[1, 'objected', { accept: 1, concern: 0, object: 1 }],
			[2, 'agreed', { accept: 2, concern: 1, object: 0 }]
		]);
		expect(report.consensus[1].answers).toEqual([
			{ answer: 'concern', comment: 'Say who our customers are.', author: 'Bob Borisov' },
			{ answer: 'accept', comment: 'Good.', author: 'Alice Andreeva' },
			{ answer: 'accept', comment: '', author: 'Gina Guest' }
		]);
		expect(report.publications).toHaveLength(1);
		expect(report.publications[0]).toMatchObject({
			version: 1,
			definitionText: 'We treat external and internal customers as partners.',
			explanation: 'Ask first, then help.\nEvery day.',
			rules: {
				always: ['Greet every customer'],
				react: ['-If a customer complains, listen first'],
				never: ['Never argue']
			},
			consensus: { accept: 2, concern: 1, object: 0 }
		});
	});

	it('never holds an unsubmitted draft, anyone’s own dots or a participant id', async () => {
		const world = await outputsWorld('off');
		await wholeSession(world);
		const ids = await participantIds(world);
		const dots = await db.select().from(votes);
		expect(dots.length).toBeGreaterThan(0);
		for (const viewer of [world.accounts.admin, world.accounts.alice, world.accounts.cora]) {
			const text = await allOutputs(world, viewer);
			expect(text).not.toContain(FAY_DRAFT);
			for (const id of ids) expect(text).not.toContain(id);
			expect(text).not.toMatch(/"(dots|myDots|participantId|voterCount)"/);
		}
		const report = await reportFor(world, world.accounts.admin);
		for (const item of report.criteria.revealed?.items ?? [])
			expect(Object.keys(item).sort()).toEqual(['isWinner', 'position', 'rank', 'text', 'total']);
	});

	it('shows authors as anonymity allows: partial names them to facilitators only, full to nobody', async () => {
		const partial = await outputsWorld('partial');
		await wholeSession(partial);
		const authors = async (world: World, account: { userId: string }) => {
			const report = await reportFor(world, account);
			return {
				shows: report.showsAuthors,
				definitions: report.definitions.items.map((d) => d.author),
				answers: report.consensus.flatMap((r) => r.answers.map((a) => a.author))
			};
		};
		// Fay facilitates; Cora facilitates in the workspace (she would facilitate on opening it).
		for (const account of [partial.accounts.admin, partial.accounts.cora]) {
			const seen = await authors(partial, account);
			expect(seen.shows).toBe(true);
			expect(seen.definitions).toEqual(['Alice Andreeva', 'Bob Borisov', 'Gina Guest']);
			expect(seen.answers).toContain('Bob Borisov');
		}
		const memberView = await authors(partial, partial.accounts.alice);
		expect(memberView).toEqual({
			shows: false,
			definitions: [null, null, null],
			answers: [null, null, null, null, null]
		});
		expect(reportMarkdown(await reportFor(partial, partial.accounts.alice), 'en')).not.toMatch(
			/Author: /
		);

		const full = await outputsWorld('full');
		await wholeSession(full);
		for (const account of [full.accounts.admin, full.accounts.alice]) {
			const seen = await authors(full, account);
			expect(seen.shows).toBe(false);
			expect([...seen.definitions, ...seen.answers].every((author) => author === null)).toBe(true);
		}
	});

	it('shows no definition before the reveal, and no totals before the vote is revealed', async () => {
		const world = await outputsWorld('off');
		await writeDefinitions(world);
		let report = await reportFor(world, world.accounts.admin);
		expect(report.definitions).toEqual({ revealed: false, items: [] });
		let text = await allOutputs(world, world.accounts.admin);
		for (const definition of Object.values(DEFINITIONS))
			expect(text).not.toContain(definition.text.slice(0, 20));

		const voting = await outputsWorld('off');
		await throughVote(voting, { reveal: false });
		report = await reportFor(voting, voting.accounts.admin);
		expect(report.criteria.revealed).toBeNull();
		expect(report.criteria.pending).toEqual({ status: 'open', items: PROPOSALS });
		expect(report.winners).toEqual([]);
		await closeVote(db, voting.actors.fay, voting.sessionId);
		report = await reportFor(voting, voting.accounts.admin);
		expect(report.criteria.pending?.status).toBe('closed');
		text = await allOutputs(voting, voting.accounts.admin);
		expect(text).not.toMatch(/"total"/);
		expect(criteriaCsv(report, 'en').split('\r\n').slice(1, 4)).toEqual(
			PROPOSALS.map((p) => `,${p.startsWith('@') ? `'${p}` : p},,`)
		);
	});

	it('lists the proposals while no vote was opened', async () => {
		const world = await outputsWorld();
		await writeDefinitions(world);
		await revealDefinitions(db, world.actors.fay, world.sessionId, world.placeOnBoard);
		await goToStage(db, world.actors.fay, world.sessionId, 'criteria');
		let report = await reportFor(world, world.accounts.bob);
		expect(report.criteria).toEqual({ revealed: null, pending: null, proposals: [] });
		expect(reportMarkdown(report, 'en')).toContain('No criteria were proposed.');
		await world.docs.change(world.session, 'criteria', (doc) => {
			for (const text of PROPOSALS) addCriterion(doc, text);
		});
		report = await reportFor(world, world.accounts.bob);
		expect(report.criteria).toEqual({ revealed: null, pending: null, proposals: PROPOSALS });
		expect(reportMarkdown(report, 'en')).toContain('- @Covers internal customers');
	});

	it('is for participants and the workspace’s facilitators only', async () => {
		const world = await outputsWorld();
		await expect(reportFor(world, world.accounts.olga)).rejects.toMatchObject({
			code: 'session_not_participant',
			status: 403
		});
		await expect(reportFor(world, world.accounts.stranger)).rejects.toMatchObject({ status: 403 });
		await expect(
			loadReport(
				db,
				world.accounts.admin.userId,
				world.accounts.stranger.workspaceId,
				world.sessionId,
				world.docs
			)
		).rejects.toMatchObject({
			status: 403
		});
		await expect(reportFor(world, world.accounts.cora)).resolves.toMatchObject({
			session: { id: world.sessionId }
		});
		// Reading the report does not add Cora to the session.
		const rows = await db
			.select()
			.from(sessionParticipants)
			.where(eq(sessionParticipants.sessionId, world.sessionId));
		expect(rows.some((row) => row.userId === world.accounts.cora.userId)).toBe(false);
	});
});
