// The import reads a whole file before it writes anything: every refusal names its reason.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultStages } from '$lib/sessions/stages';
import { IMPORT_MAX_BYTES, SESSION_FORMAT, type SessionFile } from '$lib/server/outputs/format';
import { ImportRefused, parseSessionFile } from '$lib/server/outputs/import';

const at = '2026-03-14T10:00:00.000Z';

function validFile(): SessionFile {
	const board = new Y.Doc();
	board.getMap('cards').set('d1', new Y.Map());
	return {
		format: SESSION_FORMAT,
		exportedAt: at,
		session: {
			title: 'Customer focus',
			goal: '',
			scheduledOn: '2026-03-14',
			anonymity: 'partial',
			stages: defaultStages(),
			currentStage: 'publish',
			locked: false,
			definitionsRevealedAt: at
		},
		participants: [
			{ ref: 'p1', name: 'Alice', facilitator: false, guest: false },
			{ ref: 'p2', name: 'Bob', facilitator: true, guest: false }
		],
		definitions: [
			{ ref: 'd1', participant: 'p1', text: 'Partners', roleTag: 'Sales', submittedAt: at }
		],
		votes: [
			{
				status: 'revealed',
				budget: 3,
				maxPerItem: 2,
				openedAt: at,
				closedAt: at,
				items: [{ text: 'Short', position: 0, isWinner: true, total: 3 }]
			}
		],
		versions: [
			{
				ref: 'v1',
				number: 1,
				name: 'First',
				html: '<p>x</p>',
				text: 'x',
				createdAt: at,
				createdBy: 'Bob'
			}
		],
		consensus: [
			{
				ref: 'r1',
				version: 'v1',
				status: 'agreed',
				openedAt: at,
				closedAt: at,
				answers: [{ participant: 'p1', answer: 'accept', comment: '', answeredAt: at }]
			}
		],
		publications: [],
		documents: {
			board: Buffer.from(Y.encodeStateAsUpdate(board)).toString('base64'),
			criteria: null,
			draft: null
		}
	};
}

/** The refusal `parseSessionFile` throws for `text`. */
function refusal(text: string): ImportRefused {
	try {
		parseSessionFile(text);
	} catch (error) {
		if (error instanceof ImportRefused) return error;
		throw error;
	}
	throw new Error('accepted');
}

function changed(change: (file: SessionFile) => void): string {
	const file = validFile();
	change(file);
	return JSON.stringify(file);
}

describe('reading a session file', () => {
	it('accepts a whole, consistent file', () => {
		expect(parseSessionFile(JSON.stringify(validFile())).definitions).toHaveLength(1);
	});

	it('refuses an empty file, an oversized one, and one that is not JSON', () => {
		expect(refusal('  ')).toMatchObject({ code: 'import_file_required', status: 400 });
		expect(refusal(' '.repeat(IMPORT_MAX_BYTES) + '{}')).toMatchObject({
			code: 'import_too_large',
			status: 413
		});
		expect(refusal('{"format": "focusboard.session/1",')).toMatchObject({
			code: 'import_not_json'
		});
	});

	it('refuses another format or version, saying which it found', () => {
		expect(
			refusal(changed((f) => Object.assign(f, { format: 'focusboard.session/2' })))
		).toMatchObject({
			code: 'import_wrong_format',
			detail: 'focusboard.session/2'
		});
		expect(refusal('[]')).toMatchObject({ code: 'import_wrong_format', detail: null });
		expect(refusal('{"title": "x"}')).toMatchObject({ code: 'import_wrong_format' });
	});

	it('refuses bad fields, saying where', () => {
		expect(refusal(changed((f) => (f.session.title = '')))).toMatchObject({
			code: 'import_invalid',
			detail: expect.stringMatching(/^session\.title/)
		});
		expect(refusal(changed((f) => (f.definitions[0].text = 'x'.repeat(2001))))).toMatchObject({
			detail: expect.stringMatching(/^definitions\.0\.text/)
		});
		expect(refusal(changed((f) => (f.session.stages = defaultStages().slice(1))))).toMatchObject({
			detail: expect.stringMatching(/^session\.stages/)
		});
		expect(refusal(changed((f) => (f.documents.board = 'not base64!')))).toMatchObject({
			detail: expect.stringMatching(/^documents\.board/)
		});
		expect(
			refusal(
				changed((f) => {
					f.session.currentStage = 'themes';
					f.session.stages[1].skipped = true;
				})
			)
		).toMatchObject({ detail: 'session.currentStage: a skipped stage' });
		expect(refusal(changed((f) => (f.exportedAt = 'yesterday')))).toMatchObject({
			detail: expect.stringMatching(/^exportedAt/)
		});
	});

	it('refuses references to what is not in the file, and repeats', () => {
		expect(refusal(changed((f) => (f.definitions[0].participant = 'p9')))).toMatchObject({
			detail: 'definitions.0.participant: unknown participant'
		});
		expect(refusal(changed((f) => (f.consensus[0].version = 'v9')))).toMatchObject({
			detail: 'consensus.0.version: unknown version'
		});
		expect(refusal(changed((f) => (f.consensus[0].answers[0].participant = 'p9')))).toMatchObject({
			code: 'import_invalid'
		});
		expect(refusal(changed((f) => f.participants.push({ ...f.participants[0] })))).toMatchObject({
			detail: 'participants.2.ref: duplicate'
		});
		expect(
			refusal(changed((f) => f.definitions.push({ ...f.definitions[0], ref: 'd2' })))
		).toMatchObject({
			detail: 'definitions.1.participant: duplicate'
		});
		expect(
			refusal(changed((f) => f.publications.push({ ...publication(), round: 'r9' })))
		).toMatchObject({ detail: 'publications.0.round: not an agreed round' });
	});

	it('refuses what a real export never holds: hidden definitions, totals of an unrevealed vote', () => {
		expect(refusal(changed((f) => (f.session.definitionsRevealedAt = null)))).toMatchObject({
			detail: expect.stringMatching(/^definitions: /)
		});
		expect(refusal(changed((f) => (f.votes[0].status = 'closed')))).toMatchObject({
			detail: 'votes.0.items.0.total: totals only of a revealed vote'
		});
		expect(refusal(changed((f) => (f.votes[0].items[0].total = null)))).toMatchObject({
			detail: 'votes.0.items.0.total: totals only of a revealed vote'
		});
		expect(refusal(changed((f) => (f.votes[0].items[0].total = -1)))).toMatchObject({
			code: 'import_invalid'
		});
	});
});

function publication(): SessionFile['publications'][number] {
	return {
		round: 'r1',
		publishedAt: at,
		definitionHtml: '<p>x</p>',
		definitionText: 'x',
		explanation: 'Ask first.',
		rules: { always: [], react: [], never: [] },
		participants: ['Alice'],
		consensus: { accept: 1, concern: 0, object: 0 }
	};
}
