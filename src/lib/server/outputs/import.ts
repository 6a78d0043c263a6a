// Imports a `focusboard.session/1` file into a workspace as a new session. Accounts do not move
// between workspaces, so the importer becomes the session's facilitator and everyone in the file
// is kept by name as a guest without a token (nobody can sign in as them; their definitions and
// answers stay theirs in the data). The whole file is checked before anything is written; the
// room documents are then seeded by the server under the new session's room names (nobody can
// reach those rooms before the session row exists), and every row is written in one transaction.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Db, Tx } from '../db';
import {
	consensusAnswers,
	consensusRounds,
	draftVersions,
	ownDefinitions,
	publications,
	sessionParticipants,
	strategySessions,
	voteItems,
	voteRounds,
	workspaces
} from '../db/schema';
import { DomainError } from '../errors';
import { sanitizeDefinitionHtml } from '../publications/sanitize';
import { applyRoomState, type SessionDocs } from './documents';
import { decodeDocument, rewriteBoard } from './documents-file';
import {
	documentKinds,
	IMPORT_MAX_BYTES,
	SESSION_FORMAT,
	sessionFileSchema,
	type SessionFile
} from './format';
import { requireAllowed } from '../policies';

/** An import file was refused; `detail` says where in the file, when that helps. */
export class ImportRefused extends DomainError {
	constructor(
		code:
			| 'import_file_required'
			| 'import_too_large'
			| 'import_not_json'
			| 'import_wrong_format'
			| 'import_invalid',
		readonly detail: string | null = null
	) {
		super(code, code === 'import_too_large' ? 413 : 400, 'file');
		this.name = 'ImportRefused';
	}
}

/** Whether the import also publishes the file's publications as the workspace's next definition versions. */
export type ImportOptions = { publish: boolean };

/** Reads and checks a whole file; throws `ImportRefused` with the first problem found. */
export function parseSessionFile(text: string): SessionFile {
	if (!text.trim()) throw new ImportRefused('import_file_required');
	if (Buffer.byteLength(text, 'utf8') > IMPORT_MAX_BYTES)
		throw new ImportRefused('import_too_large');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new ImportRefused('import_not_json');
	}
	const format =
		typeof raw === 'object' && raw !== null && 'format' in raw ? raw.format : undefined;
	if (format !== SESSION_FORMAT)
		throw new ImportRefused(
			'import_wrong_format',
			typeof format === 'string' ? format.slice(0, 60) : null
		);
	// PostgreSQL text cannot hold NUL: refuse it here with a clear reason rather than fail on insert.
	if (text.includes('\\u0000') || text.includes('\0'))
		throw new ImportRefused('import_invalid', 'NUL character');
	const result = sessionFileSchema.safeParse(raw);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new ImportRefused(
		'import_invalid',
		issue ? `${issue.path.join('.') || '(file)'}: ${issue.message}`.slice(0, 200) : null
	);
}

/** The new ids of everything the file names by ref. */
type IdMap = {
	session: string;
	participants: Map<string, string>;
	definitions: Map<string, string>;
	versions: Map<string, string>;
	rounds: Map<string, string>;
};

function newIds(file: SessionFile): IdMap {
	const fresh = (refs: string[]) => new Map(refs.map((ref) => [ref, randomUUID()]));
	return {
		session: randomUUID(),
		participants: fresh(file.participants.map((p) => p.ref)),
		definitions: fresh(file.definitions.map((d) => d.ref)),
		versions: fresh(file.versions.map((v) => v.ref)),
		rounds: fresh(file.consensus.map((r) => r.ref))
	};
}

/** Looks a ref up in a map the file was checked against (a miss is a bug, not bad input). */
function idOf(map: Map<string, string>, ref: string): string {
	const id = map.get(ref);
	if (!id) throw new Error(`unchecked reference ${ref}`);
	return id;
}

/** Decodes the room documents, the board's cards renamed to the new definition ids. */
function prepareDocuments(
	file: SessionFile,
	ids: IdMap
): Partial<Record<(typeof documentKinds)[number], Uint8Array>> {
	const prepared: Partial<Record<(typeof documentKinds)[number], Uint8Array>> = {};
	for (const kind of documentKinds) {
		const encoded = file.documents[kind];
		if (encoded === null) continue;
		const prepare =
			kind === 'board'
				? (doc: Y.Doc) =>
						rewriteBoard(doc, {
							cardIds: ids.definitions,
							keepAuthors: file.session.anonymity === 'off'
						})
				: undefined;
		const state = decodeDocument(encoded, prepare);
		if (!state) throw new ImportRefused('import_invalid', `documents.${kind}`);
		prepared[kind] = state;
	}
	return prepared;
}

async function writeRows(
	tx: Tx,
	userId: string,
	workspaceId: string,
	file: SessionFile,
	ids: IdMap,
	options: ImportOptions
) {
	const at = (value: string) => new Date(value);
	const { session } = file;
	await tx.insert(strategySessions).values({
		id: ids.session,
		workspaceId,
		title: session.title,
		goal: session.goal,
		scheduledOn: session.scheduledOn,
		stages: session.stages,
		currentStage: session.currentStage,
		anonymity: session.anonymity,
		locked: session.locked,
		definitionsRevealedAt: session.definitionsRevealedAt ? at(session.definitionsRevealedAt) : null,
		guestCode: null,
		createdBy: userId
	});
	await tx.insert(sessionParticipants).values([
		{ sessionId: ids.session, userId, isFacilitator: true },
		...file.participants.map((p) => ({
			id: idOf(ids.participants, p.ref),
			sessionId: ids.session,
			guestName: p.name,
			guestTokenHash: null,
			isFacilitator: p.facilitator
		}))
	]);
	if (file.definitions.length)
		await tx.insert(ownDefinitions).values(
			file.definitions.map((d) => ({
				id: idOf(ids.definitions, d.ref),
				sessionId: ids.session,
				participantId: idOf(ids.participants, d.participant),
				text: d.text,
				roleTag: d.roleTag,
				submittedAt: at(d.submittedAt),
				updatedAt: at(d.submittedAt)
			}))
		);
	for (const round of file.votes) {
		const [row] = await tx
			.insert(voteRounds)
			.values({
				sessionId: ids.session,
				budget: round.budget,
				maxPerItem: round.maxPerItem,
				status: round.status,
				openedAt: at(round.openedAt),
				closedAt: round.closedAt ? at(round.closedAt) : null
			})
			.returning({ id: voteRounds.id });
		// A revealed vote's totals come without the individual votes (they stay in the source
		// workspace): they are carried on the item, never invented as someone's votes.
		await tx.insert(voteItems).values(
			round.items.map((item) => ({
				roundId: row.id,
				text: item.text,
				position: item.position,
				isWinner: item.isWinner,
				carriedTotal: item.total ?? 0
			}))
		);
	}
	if (file.versions.length)
		await tx.insert(draftVersions).values(
			file.versions.map((v) => ({
				id: idOf(ids.versions, v.ref),
				sessionId: ids.session,
				number: v.number,
				name: v.name,
				// Another installation's HTML is input like any other: sanitized again before it is stored.
				html: sanitizeDefinitionHtml(v.html),
				text: v.text,
				createdBy: null,
				createdAt: at(v.createdAt)
			}))
		);
	for (const round of file.consensus) {
		const roundId = idOf(ids.rounds, round.ref);
		await tx.insert(consensusRounds).values({
			id: roundId,
			sessionId: ids.session,
			versionId: idOf(ids.versions, round.version),
			status: round.status,
			openedAt: at(round.openedAt),
			closedAt: round.closedAt ? at(round.closedAt) : null,
			provenance: round.provenance ?? null
		});
		if (round.answers.length)
			await tx.insert(consensusAnswers).values(
				round.answers.map((a) => ({
					roundId,
					participantId: idOf(ids.participants, a.participant),
					answer: a.answer,
					comment: a.comment,
					answeredAt: at(a.answeredAt)
				}))
			);
	}
	if (options.publish && file.publications.length) {
		// Serializes with other publishers of the workspace, as stage 6 does.
		await tx.execute(
			sql`select 1 from ${workspaces} where ${workspaces.id} = ${workspaceId} for no key update`
		);
		const [{ latest }] = await tx
			.select({ latest: sql<number>`coalesce(max(${publications.version}), 0)::int` })
			.from(publications)
			.where(sql`${publications.workspaceId} = ${workspaceId}`);
		let version = latest ?? 0;
		for (const p of file.publications)
			await tx.insert(publications).values({
				workspaceId,
				version: ++version,
				sessionId: ids.session,
				consensusRoundId: p.round ? idOf(ids.rounds, p.round) : null,
				sessionTitle: session.title,
				definitionHtml: sanitizeDefinitionHtml(p.definitionHtml),
				definitionText: p.definitionText,
				explanation: p.explanation,
				rules: p.rules,
				participants: p.participants,
				consensus: p.consensus,
				provenance: p.provenance ?? null,
				publishedBy: userId,
				publishedAt: at(p.publishedAt)
			});
	}
}

/**
 * Imports a session file into `workspaceId` for an admin or facilitator of it; returns the new
 * session's id. Refuses (writing nothing) a file that is empty, too large, not JSON, of another
 * format or version, or inconsistent anywhere.
 */
export async function importSession(
	db: Db,
	userId: string,
	workspaceId: string,
	text: string,
	docs: SessionDocs,
	options: ImportOptions = { publish: false }
): Promise<{ sessionId: string }> {
	await requireAllowed(db, userId, workspaceId, 'facilitate');
	const file = parseSessionFile(text);
	const ids = newIds(file);
	const documents = prepareDocuments(file, ids);
	const session = { id: ids.session, workspaceId };
	for (const kind of documentKinds) {
		const state = documents[kind];
		if (state) await applyRoomState(docs, session, kind, state);
	}
	await db.transaction((tx) => writeRows(tx, userId, workspaceId, file, ids, options));
	return { sessionId: ids.session };
}
