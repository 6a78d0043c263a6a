/** A winning criterion with how many participants think the current draft meets it. */
export type ChecklistItem = { itemId: string; text: string; agree: number; mine: boolean };

/** A saved version as every participant sees it. */
export type DraftVersion = {
	id: string;
	number: number;
	name: string;
	html: string;
	text: string;
	createdAt: string | Date;
	createdBy: string | null;
};

/** One part of a comparison: text kept, added or removed. */
export type DiffPart = { value: string; added: boolean; removed: boolean };

/** Comparison of two versions. */
export type VersionComparison = {
	from: { id: string; number: number; name: string };
	to: { id: string; number: number; name: string };
	parts: DiffPart[];
};
