// Stage 6: the facilitator (or a workspace admin) publishes exactly the version the latest
// consensus round agreed on, with an explanation and the rules of dealing with customers. Each
// publication is the next version of the workspace's definition.
import { and, desc, eq, sql } from 'drizzle-orm';
import {
	EXPLANATION_MAX,
	RULE_MAX,
	RULES_PER_LIST_MAX,
	ruleKinds,
	type PublishView,
	type Rules
} from '$lib/publications/model';
import type { Db, DbOrTx } from '../db';
import { consensusAnswers, draftVersions, publications, workspaces } from '../db/schema';
import { DomainError, conflict, forbidden, invalid } from '../errors';
import { latestRound, provenanceFor, type RoundRow } from '../consensus/rounds';
import { lockSession } from '../sessions/lock';
import { publishBlock, tallyAnswers } from '../consensus/rules';
import {
	loadSessionContext,
	participantNames,
	type SessionActor,
	type SessionContext
} from '../sessions/access';
import { events } from '../ports';
import { sanitizeDefinitionHtml } from './sanitize';
import { can } from '../policies';
import { queueAnnouncement } from '../mail/events';

/** What the publisher writes besides the agreed definition. */
export type PublicationInput = { explanation: string; rules: Rules };

/** A facilitator of the session, or an admin of its workspace, may publish. */
export function mayPublish(ctx: SessionContext): boolean {
	return can(ctx.actor, 'publish', ctx.subject);
}

/** Trims the input, drops empty rules, and checks the bounds (the service's own check, not only the form's). */
export function normalizePublicationInput(input: PublicationInput): PublicationInput {
	const explanation = input.explanation.trim();
	if (!explanation) throw invalid('text_required', 'explanation');
	if (explanation.length > EXPLANATION_MAX) throw invalid('text_too_long', 'explanation');
	const list = (kind: (typeof ruleKinds)[number]) => {
		const items = (input.rules[kind] ?? []).map((rule) => rule.trim()).filter(Boolean);
		if (items.length > RULES_PER_LIST_MAX || items.some((rule) => rule.length > RULE_MAX))
			throw invalid('text_too_long', kind);
		return [...new Set(items)];
	};
	return {
		explanation,
		rules: { always: list('always'), react: list('react'), never: list('never') }
	};
}

async function isPublished(db: DbOrTx, roundId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: publications.id })
		.from(publications)
		.where(eq(publications.consensusRoundId, roundId))
		.limit(1);
	return Boolean(row);
}

async function roundTally(db: DbOrTx, round: RoundRow) {
	return tallyAnswers(
		await db
			.select({ answer: consensusAnswers.answer })
			.from(consensusAnswers)
			.where(eq(consensusAnswers.roundId, round.id))
	);
}

/** The version the workspace's next publication gets. */
async function nextVersion(db: DbOrTx, workspaceId: string): Promise<number> {
	const [row] = await db
		.select({ latest: sql<number>`coalesce(max(${publications.version}), 0)::int` })
		.from(publications)
		.where(eq(publications.workspaceId, workspaceId));
	return (row?.latest ?? 0) + 1;
}

/**
 * Publishes the agreed version as the workspace's next definition version. Refused while the
 * latest round is open or objected, when there is none, when it was already published, outside
 * the publish stage, and to anyone but a facilitator of the session or a workspace admin.
 * Two publications at once are serialized by a lock on the workspace row, so each gets its own
 * version number (the unique constraint on workspace + version backs this up).
 */
export async function publishDefinition(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	input: PublicationInput
) {
	const { explanation, rules } = normalizePublicationInput(input);
	const published = await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		if (!mayPublish(ctx) || actor.kind !== 'user') throw forbidden();
		const session = await lockSession(tx, sessionId);
		if (session.currentStage !== 'publish') throw conflict('stage_not_open');
		const round = await latestRound(tx, sessionId);
		const tally = round ? await roundTally(tx, round) : null;
		const block = publishBlock(
			round && tally ? { status: round.status, tally } : null,
			round ? await isPublished(tx, round.id) : false
		);
		if (block === 'objected' || block === 'round_open') throw conflict('consensus_blocked');
		if (block || !round || !tally) throw conflict('nothing_to_publish');
		const [version] = await tx
			.select()
			.from(draftVersions)
			.where(eq(draftVersions.id, round.versionId));
		if (!version) throw new DomainError('version_unknown', 404);
		const names = [...(await participantNames(tx, sessionId)).values()].sort((a, b) =>
			a.localeCompare(b)
		);
		// FOR NO KEY UPDATE serializes publishers of this workspace without blocking inserts that
		// only reference the workspace row.
		await tx.execute(
			sql`select 1 from ${workspaces} where ${workspaces.id} = ${session.workspaceId} for no key update`
		);
		const [row] = await tx
			.insert(publications)
			.values({
				workspaceId: session.workspaceId,
				version: await nextVersion(tx, session.workspaceId),
				sessionId,
				consensusRoundId: round.id,
				sessionTitle: session.title,
				definitionHtml: sanitizeDefinitionHtml(version.html),
				definitionText: version.text,
				explanation,
				rules,
				participants: names,
				consensus: tally,
				// Every member reads it: who answered what only when answers were not anonymous.
				provenance: round.provenance
					? provenanceFor(round.provenance, session.anonymity === 'off')
					: null,
				publishedBy: actor.userId
			})
			.returning({
				id: publications.id,
				version: publications.version,
				workspaceId: publications.workspaceId
			});
		await queueAnnouncement(tx, { ...row, sessionTitle: session.title });
		return row;
	});
	events.publish(sessionId, 'publish');
	return published;
}

/** Stage 6 as the actor may see it: what would be published, whether it can be, and what was. */
export async function publishView(db: Db, ctx: SessionContext): Promise<PublishView> {
	const round = await latestRound(db, ctx.session.id);
	const tally = round ? await roundTally(db, round) : null;
	const block =
		publishBlock(
			round && tally ? { status: round.status, tally } : null,
			round ? await isPublished(db, round.id) : false
		) ?? (ctx.session.currentStage === 'publish' ? null : 'stage_not_open');
	let agreed: PublishView['agreed'] = null;
	if (round && tally && round.status === 'agreed') {
		const [version] = await db
			.select()
			.from(draftVersions)
			.where(eq(draftVersions.id, round.versionId));
		agreed = {
			roundId: round.id,
			versionNumber: version.number,
			versionName: version.name,
			html: sanitizeDefinitionHtml(version.html),
			tally
		};
	}
	const published = await db
		.select({ version: publications.version, publishedAt: publications.publishedAt })
		.from(publications)
		.where(
			and(
				eq(publications.sessionId, ctx.session.id),
				eq(publications.workspaceId, ctx.session.workspaceId)
			)
		)
		.orderBy(desc(publications.version));
	return {
		workspaceId: ctx.session.workspaceId,
		canPublish: mayPublish(ctx) && !ctx.isGuest,
		blockedBy: block,
		agreed,
		nextVersion: await nextVersion(db, ctx.session.workspaceId),
		published: published.map((row) => ({
			version: row.version,
			publishedAt: row.publishedAt.toISOString()
		}))
	};
}

/** Stage 6 for an actor and a session id. */
export async function loadPublishView(db: Db, actor: SessionActor, sessionId: string) {
	return publishView(db, await loadSessionContext(db, actor, sessionId));
}
