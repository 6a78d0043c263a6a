// The server's bounds on a portrait document: section texts and evidence claims a client wrote
// over their limits are cut back, as a change of the server's own (see RoomRepair). A section is
// measured as its characters plus one per node (paragraph, heading, list item...), so thousands
// of empty paragraphs count as well as thousands of letters; what lies past the limit, in reading
// order, is removed.
import * as Y from 'yjs';
import {
	CLAIM_MAX,
	EVIDENCE_FIELD,
	SECTION_MAX,
	evidenceArray,
	sectionField,
	sectionFragment,
	sectionKeys
} from '$lib/portraits/doc';
import type { ChangedTypes, RoomRepair } from '../sync/kinds';

/** A shared type as a transaction names it (the keys of ChangedTypes). */
type SharedType = ChangedTypes extends Map<infer Type, unknown> ? Type : never;
type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;
type Container = Y.XmlFragment | Y.XmlElement;

/** The root type a shared type lives under (itself for a root). */
function rootOf(type: SharedType): SharedType {
	let current = type;
	// A type's parent is the type its item sits in; a root has none.
	for (let parent = current.parent; parent; parent = current.parent) current = parent as SharedType;
	return current;
}

/** Size of a section: characters of its texts plus one per element or hook. */
export function sectionSize(fragment: Y.XmlFragment): number {
	let size = 0;
	const stack: Node[] = fragment.toArray();
	for (let node = stack.pop(); node; node = stack.pop()) {
		if (node instanceof Y.XmlText) size += node.length;
		else size += 1;
		if (node instanceof Y.XmlElement) for (const child of node.toArray()) stack.push(child);
	}
	return size;
}

/**
 * Cuts a section back to `max` (characters plus nodes, in reading order): the text that crosses
 * the limit is shortened, every node after it removed. Walks without recursion, so a deeply nested
 * fragment from a hostile client cannot overflow the stack.
 */
export function cutSection(fragment: Y.XmlFragment, max: number): void {
	let budget = max;
	const cuts: (() => void)[] = [];
	const frames: { container: Container; children: Node[]; index: number }[] = [
		{ container: fragment, children: fragment.toArray(), index: 0 }
	];
	while (frames.length > 0) {
		const frame = frames[frames.length - 1];
		if (frame.index >= frame.children.length) {
			frames.pop();
			continue;
		}
		if (budget <= 0) {
			const { container, index, children } = frame;
			cuts.push(() => container.delete(index, children.length - index));
			frames.pop();
			continue;
		}
		const node = frame.children[frame.index];
		frame.index += 1;
		if (node instanceof Y.XmlText) {
			const keep = Math.min(budget, node.length);
			budget -= keep;
			if (keep < node.length) cuts.push(() => node.delete(keep, node.length - keep));
			continue;
		}
		budget -= 1;
		if (node instanceof Y.XmlElement)
			frames.push({ container: node, children: node.toArray(), index: 0 });
	}
	// Inner ranges first: removing them never shifts the index of a later sibling further out.
	for (const cut of cuts) cut();
}

/** Every entry's claim text, entries out of shape skipped. */
function claimTexts(doc: Y.Doc): Y.Text[] {
	return evidenceArray(doc)
		.toArray()
		.flatMap((entry) => {
			const claim: unknown = entry instanceof Y.Map ? entry.get('claim') : null;
			return claim instanceof Y.Text ? [claim] : [];
		});
}

/**
 * Names of the root types that `changed` touches. Looked up by name, not by object: a root no code
 * on the server has asked for yet is a plain AbstractType, which `sectionFragment` or
 * `evidenceArray` then replaces with a new object of its class.
 */
function changedRootNames(doc: Y.Doc, changed: ChangedTypes): Set<string> {
	const names = new Map<SharedType, string>();
	for (const [name, type] of doc.share) names.set(type, name);
	const touched = new Set<string>();
	for (const type of changed.keys()) {
		const name = names.get(rootOf(type));
		if (name !== undefined) touched.add(name);
	}
	return touched;
}

/**
 * Finds what a client's change left over its limits: sections over SECTION_MAX and claims over
 * CLAIM_MAX. Returns the cut to run as a change of its own, or null when nothing is over.
 */
export const overLongPortraitTexts: RoomRepair = (doc, changed) => {
	const touched = changedRootNames(doc, changed);
	const longSections = sectionKeys
		.filter((key) => touched.has(sectionField(key)))
		.map((key) => sectionFragment(doc, key))
		.filter((section) => sectionSize(section) > SECTION_MAX);
	const longClaims = touched.has(EVIDENCE_FIELD)
		? claimTexts(doc).filter((claim) => claim.length > CLAIM_MAX)
		: [];
	if (longSections.length === 0 && longClaims.length === 0) return null;
	return () => {
		for (const section of longSections)
			if (sectionSize(section) > SECTION_MAX) cutSection(section, SECTION_MAX);
		for (const claim of longClaims)
			if (claim.length > CLAIM_MAX) claim.delete(CLAIM_MAX, claim.length - CLAIM_MAX);
	};
};
