// The portrait part of the demo seed: the fixture's key customer(s) as portraits of the demo
// workspace, with their prose and evidence in the portrait documents. Journeys and touchpoints
// are seeded elsewhere and find their portrait through `seedDemoPortraits`' answer.
import { and, eq } from 'drizzle-orm';
import type { EvidenceSource, PortraitContent } from '$lib/portraits/doc';
import {
	isRelationshipClass,
	type PortraitKind,
	type RelationshipClass
} from '$lib/portraits/model';
import type { Db } from '../db';
import { portraits } from '../db/schema';
import { seedPortraitDocument } from '../portraits/documents';
import fixture from './demo-workshop.json';

/** A portrait as the fixture writes it. */
type FixturePortrait = {
	name: string;
	kind: string;
	who?: string;
	gives?: string;
	decides?: string;
	why_buy?: string;
	not_customer?: string;
	value_share_percent?: number | null;
	relationship_class?: string | null;
	evidence?: { source: string; date: string; note: string }[];
};

/** A fixture portrait in the shape the portraits area stores. */
export type DemoPortrait = {
	name: string;
	kind: PortraitKind;
	relationshipClass: RelationshipClass | null;
	valueShare: number | null;
	content: PortraitContent;
};

const sourceKinds: Record<string, EvidenceSource> = {
	'focus group': 'focus_group',
	survey: 'survey',
	interview: 'interview',
	'crm data': 'crm',
	crm: 'crm'
};

const paragraphs = (text: string | undefined) => (text?.trim() ? [text.trim()] : []);

/** A fixture portrait translated to the portrait's fields and document content. */
export function demoPortrait(entry: FixturePortrait): DemoPortrait {
	const relationshipClass = entry.relationship_class ?? null;
	return {
		name: entry.name,
		// The fixture says "key customer" or names an internal customer (employees, partners, shareholders).
		kind: /internal|employee|partner|shareholder/i.test(entry.kind) ? 'internal' : 'customer',
		relationshipClass: isRelationshipClass(relationshipClass) ? relationshipClass : null,
		valueShare: typeof entry.value_share_percent === 'number' ? entry.value_share_percent : null,
		content: {
			sections: {
				role: paragraphs(entry.who),
				functional: paragraphs(entry.gives),
				compare: paragraphs(entry.decides),
				motives: paragraphs(entry.why_buy),
				not_customer: paragraphs(entry.not_customer)
			},
			evidence: (entry.evidence ?? []).map((item) => ({
				claim: item.note,
				source: sourceKinds[item.source.trim().toLowerCase()] ?? 'other',
				date: item.date
			}))
		}
	};
}

/** The fixture's portraits (one object `portrait`, or a list `portraits`). */
export function demoPortraits(): DemoPortrait[] {
	const source: { portrait?: FixturePortrait; portraits?: FixturePortrait[] } = fixture;
	const entries = source.portraits ?? (source.portrait ? [source.portrait] : []);
	return entries.map(demoPortrait);
}

/**
 * Adds the fixture's portraits to the demo workspace, each with its document, in one transaction;
 * a portrait that already exists by name is left as it is. Returns portrait ids by fixture name.
 */
export async function seedDemoPortraits(
	db: Db,
	workspaceId: string,
	createdBy: string | null = null
): Promise<Record<string, string>> {
	return db.transaction(async (tx) => {
		const ids: Record<string, string> = {};
		for (const portrait of demoPortraits()) {
			const [existing] = await tx
				.select({ id: portraits.id })
				.from(portraits)
				.where(and(eq(portraits.workspaceId, workspaceId), eq(portraits.name, portrait.name)))
				.limit(1);
			if (existing) {
				ids[portrait.name] = existing.id;
				continue;
			}
			const [row] = await tx
				.insert(portraits)
				.values({
					workspaceId,
					kind: portrait.kind,
					name: portrait.name,
					relationshipClass: portrait.relationshipClass,
					valueShare: portrait.valueShare,
					createdBy
				})
				.returning({ id: portraits.id });
			await seedPortraitDocument(tx, { id: row.id, workspaceId }, portrait.content);
			ids[portrait.name] = row.id;
		}
		return ids;
	});
}
