// The proposed criteria of a good definition (stage 3): a shared Yjs document every participant
// edits. It holds only what everyone in the session may see: the texts, never who proposed them
// and never any vote.
import * as Y from 'yjs';

/** A proposed criterion as the list shows it. */
export type Criterion = { id: string; text: string; order: number };

/** Longest criterion text. */
export const CRITERION_MAX = 200;
/** Most criteria a vote is opened over; proposals beyond it are left out of the vote. */
export const VOTE_ITEMS_MAX = 60;

const criteriaOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('criteria');

/** Trimmed text cut to `CRITERION_MAX` characters; whitespace runs become one space. */
export function cleanCriterionText(text: string): string {
	return text.replace(/\s+/g, ' ').trim().slice(0, CRITERION_MAX).trim();
}

/** Reads the proposals in list order (the order they were added; ties by id, so every copy agrees). */
export function readCriteria(doc: Y.Doc): Criterion[] {
	const criteria: Criterion[] = [];
	criteriaOf(doc).forEach((entry, id) => {
		const text = entry.get('text');
		const order = entry.get('order');
		criteria.push({
			id,
			text: typeof text === 'string' ? text : '',
			order: typeof order === 'number' ? order : 0
		});
	});
	return criteria.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Adds a proposal at the end and returns its id; an empty text adds nothing and returns null. */
export function addCriterion(
	doc: Y.Doc,
	text: string,
	id: string = crypto.randomUUID()
): string | null {
	const clean = cleanCriterionText(text);
	if (!clean) return null;
	const last = readCriteria(doc).at(-1);
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		entry.set('text', clean);
		entry.set('order', (last?.order ?? 0) + 1);
		criteriaOf(doc).set(id, entry);
	});
	return id;
}

/** Rewrites a proposal; an empty text removes it. */
export function editCriterion(doc: Y.Doc, id: string, text: string): void {
	const entry = criteriaOf(doc).get(id);
	if (!entry) return;
	const clean = cleanCriterionText(text);
	if (!clean) return removeCriterion(doc, id);
	if (entry.get('text') !== clean) entry.set('text', clean);
}

export function removeCriterion(doc: Y.Doc, id: string): void {
	criteriaOf(doc).delete(id);
}

/**
 * The texts a vote is opened over: the proposals in list order, without empty ones and without
 * repeats (two people proposing the same words, in any letter case, get one item), at most
 * `VOTE_ITEMS_MAX`.
 */
export function criteriaForVote(doc: Y.Doc): string[] {
	const seen = new Set<string>();
	const texts: string[] = [];
	for (const criterion of readCriteria(doc)) {
		const text = cleanCriterionText(criterion.text);
		const key = text.toLocaleLowerCase();
		if (!text || seen.has(key)) continue;
		seen.add(key);
		texts.push(text);
		if (texts.length === VOTE_ITEMS_MAX) break;
	}
	return texts;
}
