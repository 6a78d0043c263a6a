// A strategy session run through the real services from stage 1 to a publication, with its Yjs
// documents in memory (or, given other `SessionDocs`, in a real sync server). People: Fay (admin,
// facilitator of the session), Alice and Bob (members in it), Gina (a guest), Cora (a facilitator
// of the workspace who is not in the session), Olga (a member who is not in it) and Sam (admin of
// another workspace).
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { addDefinitionCards, createTheme, moveCard } from '$lib/board/doc';
import { addCriterion } from '$lib/criteria/doc';
import { DRAFT_FIELD } from '$lib/draft/schema';
import { answerConsensus, openConsensusRound } from '$lib/server/consensus/rounds';
import { db } from '$lib/server/db';
import { ownDefinitions, sessionParticipants } from '$lib/server/db/schema';
import { renderDraft } from '$lib/server/draft/render';
import { saveVersion } from '$lib/server/draft/versions';
import { readDoc, type SessionDocs } from '$lib/server/outputs/documents';
import { publishDefinition } from '$lib/server/publications/publish';
import { goToStage } from '$lib/server/sessions/controls';
import {
	revealDefinitions,
	saveOwnDefinition,
	type PlaceOnBoard
} from '$lib/server/sessions/definitions';
import { sessionRoomName, type SessionRoomKind } from '$lib/server/sessions/rooms';
import {
	openVote,
	revealVote,
	setDots,
	setWinner,
	type CriteriaDocAccess
} from '$lib/server/voting';
import type { Anonymity } from '$lib/sessions/stages';
import { joinGuest, sessionWorld } from '../../utils/session-factories';

/** Session documents in memory, by room name. */
export function memoryDocs() {
	const rooms = new Map<string, Y.Doc>();
	const docOf = (session: { id: string; workspaceId: string }, kind: SessionRoomKind) => {
		const name = sessionRoomName(session, kind);
		let doc = rooms.get(name);
		if (!doc) {
			doc = new Y.Doc();
			rooms.set(name, doc);
		}
		return doc;
	};
	const docs: SessionDocs = {
		change: (session, kind, fn) => Promise.resolve(fn(docOf(session, kind))),
		read: (session, kind, read) => Promise.resolve(read(docOf(session, kind)))
	};
	return { rooms, docs };
}

export const DEFINITIONS = {
	alice: { text: 'We treat every customer as a partner.', roleTag: 'Sales' },
	bob: { text: '=HYPERLINK("http://evil.test") customers first, always', roleTag: 'Security' },
	gina: {
		text: 'Клиент — партнёр, а не кошелёк.\nИ внутренний клиент тоже.',
		roleTag: 'Гость, "лояльный" клиент'
	}
};
export const FAY_DRAFT = 'SECRET UNSUBMITTED DRAFT of the facilitator';
export const PROPOSALS = [
	'Short enough to remember',
	'Says what the customer gets',
	'@Covers internal customers'
];

/** A workspace with its people and a session in stage 1 (nothing written yet). */
export async function outputsWorld(anonymity: Anonymity = 'partial', realDocs?: SessionDocs) {
	const memory = realDocs ? null : memoryDocs();
	const docs: SessionDocs = realDocs ??
		memory?.docs ?? {
			change: () => Promise.reject(new Error('no documents')),
			read: () => Promise.reject(new Error('no documents'))
		};
	const world = await sessionWorld({
		title: 'Customer focus 2026: “partners”',
		scheduledOn: '2026-03-14',
		anonymity,
		allowGuests: true
	});
	const { actor: gina } = await joinGuest(world.sessionId, 'Gina Guest');
	const session = { id: world.sessionId, workspaceId: world.workspaceId };
	const placeOnBoard: PlaceOnBoard = (target, definitions) =>
		docs.change(target, 'board', (doc) => {
			addDefinitionCards(doc, definitions);
		});
	const criteriaDoc: CriteriaDocAccess = {
		change: (target, fn) => docs.change(target, 'criteria', fn),
		read: (target, read) => docs.read(target, 'criteria', read)
	};
	const { facilitator, coFacilitator, alice, bob, outsider, stranger } = world.actors;
	return {
		docs,
		/** The in-memory rooms, when the world has no real sync server. */
		rooms: memory?.rooms ?? null,
		session,
		sessionId: world.sessionId,
		workspaceId: world.workspaceId,
		accounts: world.accounts,
		actors: { fay: facilitator, cora: coFacilitator, alice, bob, olga: outsider, stranger, gina },
		placeOnBoard,
		criteriaDoc
	};
}

export type World = Awaited<ReturnType<typeof outputsWorld>>;

/** Stage 1: Alice, Bob and Gina submit; Fay keeps an unsubmitted draft. */
export async function writeDefinitions(world: World) {
	const { actors, sessionId } = world;
	await saveOwnDefinition(db, actors.alice, sessionId, DEFINITIONS.alice, true);
	await saveOwnDefinition(db, actors.bob, sessionId, DEFINITIONS.bob, true);
	await saveOwnDefinition(db, actors.gina, sessionId, DEFINITIONS.gina, true);
	await saveOwnDefinition(db, actors.fay, sessionId, { text: FAY_DRAFT, roleTag: 'CEO' }, false);
}

/** The id of one participant's own definition. */
export async function definitionOf(
	sessionId: string,
	who: { userId: string } | { participantId: string }
) {
	const participants = await db
		.select()
		.from(sessionParticipants)
		.where(eq(sessionParticipants.sessionId, sessionId));
	const participant = participants.find((p) =>
		'userId' in who ? p.userId === who.userId : p.id === who.participantId
	);
	if (!participant) throw new Error('no participant');
	const [row] = await db
		.select()
		.from(ownDefinitions)
		.where(eq(ownDefinitions.participantId, participant.id));
	if (!row) throw new Error('no definition');
	return row.id;
}

/** Stages 1–3: definitions revealed and grouped, criteria proposed, voted, revealed, winners marked. */
export async function throughVote(world: World, { reveal = true } = {}) {
	const { actors, sessionId, session, docs } = world;
	await writeDefinitions(world);
	await revealDefinitions(db, actors.fay, sessionId, world.placeOnBoard);
	const aliceDefinition = await definitionOf(sessionId, { userId: world.accounts.alice.userId });
	const ginaDefinition = await definitionOf(sessionId, {
		participantId: actors.gina.participantId
	});
	await docs.change(session, 'board', (doc) => {
		const partners = createTheme(doc, 'Customer as a partner');
		createTheme(doc, 'Discounts and gifts');
		moveCard(doc, aliceDefinition, partners);
		moveCard(doc, ginaDefinition, partners);
	});
	await goToStage(db, actors.fay, sessionId, 'criteria');
	await docs.change(session, 'criteria', (doc) => {
		for (const text of PROPOSALS) addCriterion(doc, text);
	});
	const opened = await openVote(db, actors.fay, sessionId, {}, world.criteriaDoc);
	const ids = Object.fromEntries((opened.round?.items ?? []).map((item) => [item.text, item.id]));
	await setDots(db, actors.alice, sessionId, ids[PROPOSALS[1]], 2);
	await setDots(db, actors.alice, sessionId, ids[PROPOSALS[0]], 1);
	await setDots(db, actors.bob, sessionId, ids[PROPOSALS[1]], 2);
	await setDots(db, actors.bob, sessionId, ids[PROPOSALS[2]], 1);
	await setDots(db, actors.gina, sessionId, ids[PROPOSALS[0]], 1);
	if (!reveal) return { ids };
	await revealVote(db, actors.fay, sessionId);
	await setWinner(db, actors.fay, sessionId, ids[PROPOSALS[1]], true);
	await setWinner(db, actors.fay, sessionId, ids[PROPOSALS[0]], true);
	return { ids };
}

/** Writes the shared draft as one paragraph. */
async function writeDraft(world: World, text: string) {
	await world.docs.change(world.session, 'draft', (doc) => {
		const fragment = doc.getXmlFragment(DRAFT_FIELD);
		fragment.delete(0, fragment.length);
		const paragraph = new Y.XmlElement('paragraph');
		const run = new Y.XmlText();
		run.insert(0, text);
		run.format(0, 3, { bold: true });
		paragraph.insert(0, [run]);
		fragment.insert(0, [paragraph]);
	});
}

/** The whole session: stages 1–6, a first consensus round objected, a second agreed, then published. */
export async function wholeSession(world: World) {
	const { actors, sessionId, docs } = world;
	const vote = await throughVote(world);
	const readDraft = (target: { id: string; workspaceId: string }) =>
		readDoc(docs, target, 'draft', (doc) => renderDraft(doc.getXmlFragment(DRAFT_FIELD)));
	await goToStage(db, actors.fay, sessionId, 'draft');
	await writeDraft(world, 'We treat customers as partners.');
	const v1 = await saveVersion(db, actors.fay, sessionId, 'First draft', readDraft);
	await goToStage(db, actors.fay, sessionId, 'consensus');
	await openConsensusRound(db, actors.fay, sessionId, v1.id);
	await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' });
	await answerConsensus(db, actors.bob, sessionId, {
		answer: 'object',
		comment: 'Too vague: <b>who</b> are our customers?'
	});
	await writeDraft(world, 'We treat external and internal customers as partners.');
	const v2 = await saveVersion(db, actors.fay, sessionId, 'Second draft', readDraft);
	await goToStage(db, actors.fay, sessionId, 'consensus');
	await openConsensusRound(db, actors.fay, sessionId, v2.id);
	await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: 'Good.' });
	await answerConsensus(db, actors.bob, sessionId, {
		answer: 'concern',
		comment: 'Say who our customers are.'
	});
	await answerConsensus(db, actors.gina, sessionId, { answer: 'accept', comment: '' });
	await goToStage(db, actors.fay, sessionId, 'publish');
	await publishDefinition(db, actors.fay, sessionId, {
		explanation: 'Ask first, then help.\nEvery day.',
		rules: {
			always: ['Greet every customer'],
			react: ['-If a customer complains, listen first'],
			never: ['Never argue']
		}
	});
	return { ...vote, v1, v2 };
}
