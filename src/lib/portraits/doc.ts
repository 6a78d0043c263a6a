// The Yjs document of a portrait (room kind `portrait`), written down once for client and server.
//
// Layout (root types of the Y.Doc):
//   meta                  Y.Map     { version: 1 }
//   section.<key>         Y.XmlFragment   one per prose section (see `sectionKeys`): the
//                                         ProseMirror document of a tiptap editor (StarterKit
//                                         nodes and marks), bound with the Collaboration extension
//   evidence              Y.Array<Y.Map{ id: string,             stable id (random, from the client)
//                                        claim: Y.Text,          the claim, plain text
//                                        source: EvidenceSource, where it comes from
//                                        date: string }>         'YYYY-MM-DD', or '' when not given
//
// The structured fields (name, kind, segment, relationship class, value share) and the photo are
// not in the document: they live in Postgres (table `portraits`), where lists, filters and the
// Pareto view query them and a revision number guards them against stale forms.
//
// Every member of the room may see and edit all of it, so nothing else ever goes in here. The
// server seeds a new document (from the sample) itself, in the transaction that creates the
// portrait, never from a client. Anything a client may have written out of shape is ignored when
// read: unknown section names, evidence entries that are not maps or have no claim text, unknown
// source kinds (read as `other`) and malformed dates (read as ''). Sections over SECTION_MAX and
// claims over CLAIM_MAX are cut back by the server as they arrive (server/portraits/repair.ts).
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';

/** Version of this layout, stored in `meta`. */
export const PORTRAIT_DOC_VERSION = 1;

/** The groups of sections, in the order the page and the print layout show them. */
export const sectionGroups = {
	/** Who they are: position or role, character and life traits, demographics, lifestyle. */
	who: ['role', 'traits', 'age', 'income', 'gender', 'place', 'lifestyle'],
	/** What our product gives them: functional and emotional value. */
	gives: ['functional', 'emotional'],
	/** How they choose and decide: where they compare, emotional or rational, attention expected. */
	decides: ['compare', 'decision', 'attention'],
	/** Why they buy: motives. */
	why: ['motives'],
	/** Who is not our customer, and why. */
	not: ['not_customer']
} as const;

export type SectionGroup = keyof typeof sectionGroups;
export type SectionKey = (typeof sectionGroups)[SectionGroup][number];

/** Group keys in order. */
export const sectionGroupKeys = Object.keys(sectionGroups) as SectionGroup[];
/** Every section key, in page order. */
export const sectionKeys: SectionKey[] = sectionGroupKeys.flatMap((group) => [
	...sectionGroups[group]
]);
/** The demographic sections, laid out as a compact grid of short fields. */
export const demographicKeys: readonly SectionKey[] = ['age', 'income', 'gender', 'place'];

/** Where a claim comes from. */
export const evidenceSources = ['focus_group', 'survey', 'interview', 'crm', 'other'] as const;
export type EvidenceSource = (typeof evidenceSources)[number];

/** Longest claim text. */
export const CLAIM_MAX = 500;
/**
 * Longest section: its characters plus one per paragraph, heading, list item or other node. The
 * server cuts a section back to this (about eight printed pages), so no section grows without end.
 */
export const SECTION_MAX = 20_000;
/** Most evidence entries a portrait holds. */
export const EVIDENCE_MAX = 100;

/** One evidence entry, read out of the document. */
export type Evidence = { id: string; claim: string; source: EvidenceSource; date: string };

/** Name of the root Y.XmlFragment of a section. */
export function sectionField(key: SectionKey): string {
	return `section.${key}`;
}

/** The fragment of a section. */
export function sectionFragment(doc: Y.Doc, key: SectionKey): Y.XmlFragment {
	return doc.getXmlFragment(sectionField(key));
}

/** Name of the root Y.Array of evidence entries. */
export const EVIDENCE_FIELD = 'evidence';

/** The evidence list. */
export function evidenceArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
	return doc.getArray<Y.Map<unknown>>(EVIDENCE_FIELD);
}

/** True for one of the source kinds. */
export const isEvidenceSource = (value: unknown): value is EvidenceSource =>
	typeof value === 'string' && (evidenceSources as readonly string[]).includes(value);

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a calendar date written `YYYY-MM-DD`. */
export function isEvidenceDate(value: unknown): value is string {
	if (typeof value !== 'string' || !DATE.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** One entry as stored, or null when it is out of shape. */
function readEntry(entry: unknown): Evidence | null {
	if (!(entry instanceof Y.Map)) return null;
	const id: unknown = entry.get('id');
	const claim: unknown = entry.get('claim');
	if (typeof id !== 'string' || !id || !(claim instanceof Y.Text)) return null;
	const source: unknown = entry.get('source');
	const date: unknown = entry.get('date');
	return {
		id,
		claim: claim.toString().slice(0, CLAIM_MAX),
		source: isEvidenceSource(source) ? source : 'other',
		date: isEvidenceDate(date) ? date : ''
	};
}

/** The evidence entries in list order; entries out of shape and repeated ids are skipped. */
export function readEvidence(doc: Y.Doc): Evidence[] {
	const seen = new Set<string>();
	const entries: Evidence[] = [];
	for (const item of evidenceArray(doc).toArray()) {
		const entry = readEntry(item);
		if (!entry || seen.has(entry.id)) continue;
		seen.add(entry.id);
		entries.push(entry);
	}
	return entries;
}

/** The live Y.Map and claim Y.Text of an entry, for editing it in place. */
export function evidenceEntry(
	doc: Y.Doc,
	id: string
): { map: Y.Map<unknown>; claim: Y.Text } | null {
	for (const item of evidenceArray(doc).toArray()) {
		if (!(item instanceof Y.Map) || item.get('id') !== id) continue;
		const claim = item.get('claim');
		if (claim instanceof Y.Text) return { map: item, claim };
	}
	return null;
}

/**
 * Appends an evidence entry; returns its id, or null when the list is full. `origin` marks the
 * transaction (an undo manager tracks its own origin only).
 */
export function addEvidence(
	doc: Y.Doc,
	entry: { claim?: string; source?: EvidenceSource; date?: string } = {},
	origin: unknown = null
): string | null {
	const list = evidenceArray(doc);
	if (list.length >= EVIDENCE_MAX) return null;
	const id = uuidv4();
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		const claim = new Y.Text();
		claim.insert(0, (entry.claim ?? '').slice(0, CLAIM_MAX));
		map.set('id', id);
		map.set('claim', claim);
		map.set('source', entry.source ?? 'other');
		map.set('date', entry.date && isEvidenceDate(entry.date) ? entry.date : '');
		list.push([map]);
	}, origin);
	return id;
}

/** Sets the source or date of an entry; a bad date or unknown source changes nothing. */
export function setEvidenceField(
	doc: Y.Doc,
	id: string,
	field: 'source' | 'date',
	value: string,
	origin: unknown = null
): boolean {
	const found = evidenceEntry(doc, id);
	if (!found) return false;
	if (field === 'source' && !isEvidenceSource(value)) return false;
	if (field === 'date' && value !== '' && !isEvidenceDate(value)) return false;
	doc.transact(() => found.map.set(field, value), origin);
	return true;
}

/** Removes an entry (every copy of its id). */
export function removeEvidence(doc: Y.Doc, id: string, origin: unknown = null): boolean {
	const list = evidenceArray(doc);
	let removed = false;
	doc.transact(() => {
		for (let index = list.length - 1; index >= 0; index--) {
			const item = list.get(index);
			if (item instanceof Y.Map && item.get('id') === id) {
				list.delete(index, 1);
				removed = true;
			}
		}
	}, origin);
	return removed;
}

/** Prose to seed a document with: paragraphs per section, and evidence entries. */
export type PortraitContent = {
	sections: Partial<Record<SectionKey, string[]>>;
	evidence: { claim: string; source: EvidenceSource; date: string }[];
};

/**
 * Writes `content` into empty sections and appends its evidence, in one transaction: the server
 * seeds a new portrait's document this way. Sections that already hold something are left alone.
 */
export function fillPortrait(doc: Y.Doc, content: PortraitContent): void {
	doc.transact(() => {
		doc.getMap('meta').set('version', PORTRAIT_DOC_VERSION);
		for (const key of sectionKeys) {
			const paragraphs = content.sections[key];
			const fragment = sectionFragment(doc, key);
			if (!paragraphs?.length || fragment.length > 0) continue;
			fragment.insert(
				0,
				paragraphs.map((text) => {
					const paragraph = new Y.XmlElement('paragraph');
					paragraph.insert(0, [new Y.XmlText(text)]);
					return paragraph;
				})
			);
		}
		for (const entry of content.evidence) addEvidence(doc, entry);
	});
}

/** Plain text of a Y.XmlText, marks dropped. */
function plainText(text: Y.XmlText): string {
	const delta = text.toDelta() as { insert?: unknown }[];
	return delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Plain text of a section, one line per paragraph or heading, e.g. for tests and summaries. */
export function sectionText(doc: Y.Doc, key: SectionKey): string {
	const lines: string[] = [];
	const inline = (element: Y.XmlElement) =>
		element
			.toArray()
			.map((child) =>
				child instanceof Y.XmlText
					? plainText(child)
					: child instanceof Y.XmlElement && child.nodeName === 'hardBreak'
						? '\n'
						: ''
			)
			.join('');
	const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook) => {
		if (node instanceof Y.XmlText) lines.push(plainText(node));
		else if (node instanceof Y.XmlElement) {
			if (node.nodeName === 'paragraph' || node.nodeName === 'heading') lines.push(inline(node));
			else for (const child of node.toArray()) visit(child);
		}
	};
	for (const node of sectionFragment(doc, key).toArray()) visit(node);
	return lines.join('\n').trim();
}
