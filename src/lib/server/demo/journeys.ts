// The journey part of the demo seed: the fixture's touchpoints (with owners and rules where the
// fixture has them) and the journey map of the fixture's portrait, its stages, touchpoint cards,
// experience levels and emotion scores. Idempotent: touchpoints are found by name, the map by
// portrait and title, and an existing map's document is never touched again.
import { and, eq } from 'drizzle-orm';
import {
	addTouchpointCard,
	isEmotionScore,
	isExperienceLevel,
	laneOfKind,
	readMap,
	setEmotion,
	setExperience
} from '$lib/journeys/doc';
import { createDefaultMap } from '../journeys/map-writes';
import type { Db } from '../db';
import { journeyMaps, memberships, touchpoints, users } from '../db/schema';
import { escapeHtml } from '../rich-text/escape';
import { seedMapDocument } from '../journeys/documents';
import fixture from './demo-workshop.json';

/** When the demo's experience levels were set: one minute apart, stage by stage. */
const EXPERIENCE_AT = Date.UTC(2026, 10, 2, 9, 0, 0);

/** Title of the demo map. */
export function demoJourneyTitle(): string {
	return `${fixture.journey.portrait} — customer journey`;
}

/**
 * Seeds the fixture's touchpoints and the journey map of `portrait` in the demo workspace.
 * Returns the map id and the touchpoint ids by name.
 */
export async function seedDemoJourney(
	db: Db,
	workspaceId: string,
	portrait: { id: string }
): Promise<{ mapId: string; touchpointIds: Map<string, string> }> {
	const journey = fixture.journey;
	return db.transaction(async (tx) => {
		const people = await tx
			.select({ id: users.id, name: users.name })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.workspaceId, workspaceId));
		const ownerOf = (name: string | null) =>
			people.find((person) => person.name === name)?.id ?? null;
		const touchpointIds = new Map<string, string>();
		for (const entry of journey.touchpoints) {
			const [existing] = await tx
				.select({ id: touchpoints.id })
				.from(touchpoints)
				.where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.name, entry.name)));
			if (existing) {
				touchpointIds.set(entry.name, existing.id);
				continue;
			}
			const [row] = await tx
				.insert(touchpoints)
				.values({
					workspaceId,
					name: entry.name,
					type: entry.type === 'employee' ? 'employee' : 'business',
					channel: entry.channel,
					ownerId: ownerOf(entry.owner),
					ruleHtml: entry.rule ? `<p>${escapeHtml(entry.rule)}</p>` : '',
					ruleUpdatedAt: entry.rule ? new Date(EXPERIENCE_AT) : null,
					ruleUpdatedBy: entry.rule ? ownerOf(entry.owner) : null
				})
				.returning({ id: touchpoints.id });
			touchpointIds.set(entry.name, row.id);
		}

		const title = demoJourneyTitle();
		const [existingMap] = await tx
			.select({ id: journeyMaps.id })
			.from(journeyMaps)
			.where(
				and(
					eq(journeyMaps.workspaceId, workspaceId),
					eq(journeyMaps.portraitId, portrait.id),
					eq(journeyMaps.title, title)
				)
			);
		if (existingMap) return { mapId: existingMap.id, touchpointIds };
		const [map] = await tx
			.insert(journeyMaps)
			.values({ workspaceId, portraitId: portrait.id, title })
			.returning({ id: journeyMaps.id, workspaceId: journeyMaps.workspaceId });
		await seedMapDocument(tx, map, (doc) => {
			createDefaultMap(doc, journey.stages);
			const state = readMap(doc);
			const stageId = new Map(state.stages.map((stage) => [stage.name, stage.id]));
			const touchLane = laneOfKind(state, 'touchpoints');
			const experienceLane = laneOfKind(state, 'experience');
			const emotionLane = laneOfKind(state, 'emotion');
			if (!touchLane || !experienceLane || !emotionLane)
				throw new Error('demo map without built-in lanes');
			for (const entry of journey.touchpoints) {
				const touchpointId = touchpointIds.get(entry.name);
				for (const stage of entry.stages) {
					const id = stageId.get(stage);
					if (id && touchpointId) addTouchpointCard(doc, touchLane.id, id, touchpointId);
				}
			}
			const levels: Record<string, string> = journey.experience;
			const scores: Record<string, number> = journey.emotion;
			journey.stages.forEach((stage, index) => {
				const id = stageId.get(stage);
				if (!id) return;
				const level = levels[stage];
				if (isExperienceLevel(level))
					setExperience(doc, experienceLane.id, id, level, EXPERIENCE_AT + index * 60_000);
				const score = scores[stage];
				if (isEmotionScore(score))
					setEmotion(doc, emotionLane.id, id, score, EXPERIENCE_AT + index * 60_000);
			});
		});
		return { mapId: map.id, touchpointIds };
	});
}
