// What changed between two published versions. The word diff is jsdiff's `diffWords` (the
// maintained `diff` package: a tested Myers diff, rather than our own): with an
// `Intl.Segmenter` it splits Cyrillic into words too (its built-in tokenizer knows only Latin
// letters and would compare Russian and Bulgarian text letter by letter).
import { diffWords } from 'diff';
import {
	ruleKinds,
	type DefinitionChanges,
	type DiffPart,
	type RuleKind,
	type Rules
} from '$lib/publications/model';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Word diff of two texts as runs of unchanged, added and removed text (adjacent runs merged). */
export function wordDiff(before: string, after: string): DiffPart[] {
	const parts: DiffPart[] = [];
	for (const change of diffWords(before, after, { intlSegmenter: segmenter })) {
		const kind: DiffPart['kind'] = change.added ? 'added' : change.removed ? 'removed' : 'same';
		const last = parts.at(-1);
		if (last && last.kind === kind) last.text += change.value;
		else parts.push({ kind, text: change.value });
	}
	return parts;
}

/** The published texts a comparison needs. */
export type ComparedVersion = {
	version: number;
	definitionText: string;
	explanation: string;
	rules: Rules;
};

/** What changed from `previous` to `current`: word diffs of the texts, rules added and removed. */
export function definitionChanges(
	previous: ComparedVersion,
	current: ComparedVersion
): DefinitionChanges {
	const definition = wordDiff(previous.definitionText, current.definitionText);
	const explanation = wordDiff(previous.explanation, current.explanation);
	const ruleDiff = (kind: RuleKind) => {
		const before = new Set(previous.rules[kind] ?? []);
		const after = new Set(current.rules[kind] ?? []);
		return {
			added: [...after].filter((rule) => !before.has(rule)),
			removed: [...before].filter((rule) => !after.has(rule))
		};
	};
	const rules = { always: ruleDiff('always'), react: ruleDiff('react'), never: ruleDiff('never') };
	const changed =
		[...definition, ...explanation].some((part) => part.kind !== 'same') ||
		ruleKinds.some((kind) => rules[kind].added.length > 0 || rules[kind].removed.length > 0);
	return { fromVersion: previous.version, definition, explanation, rules, changed };
}
