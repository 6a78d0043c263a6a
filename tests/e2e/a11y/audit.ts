// An axe-core audit of the page a test has open, against the WCAG 2.2 A and AA rules.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * The axe-core script, read once. It is evaluated in the page through the DevTools protocol, which
 * the page's Content-Security-Policy does not govern (a script tag would be refused, rightly).
 */
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** The rule sets audited: WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One failing rule on one element of one page. */
export type Finding = {
	/** Which screen was audited (the test's label and the page's path). */
	where: string;
	rule: string;
	impact: string;
	/** The element's CSS selector. */
	target: string;
	/** Why the element fails, as axe words it. */
	why: string;
};

/** What the page hands back for one failing element. */
type FailingNode = Omit<Finding, 'where'>;

/**
 * Audits the page as it is now (injecting axe-core into its document first if needed) and returns
 * its serious and critical findings.
 *
 * One kind of finding is left out: a target that is big enough but partly covered, at the current
 * scroll position, only by a bar pinned to the screen (the phone's bottom navigation, the map's
 * sticky stage headers). Which target that is depends only on where the page happens to be
 * scrolled, and scrolling uncovers it.
 */
export async function auditPage(page: Page, label: string): Promise<Finding[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	const failing = await page.evaluate(async (tags): Promise<FailingNode[]> => {
		type Related = { target: string[] };
		type Check = { id: string; relatedNodes: Related[] };
		type Node = {
			target: string[];
			impact?: string | null;
			failureSummary?: string;
			any: Check[];
		};
		type Violation = { id: string; impact?: string | null; nodes: Node[] };
		type Axe = {
			run: (context: Document, options: object) => Promise<{ violations: Violation[] }>;
		};
		const isAxe = (value: unknown): value is Axe =>
			typeof value === 'object' &&
			value !== null &&
			typeof Reflect.get(value, 'run') === 'function';
		const axe: unknown = Reflect.get(window, 'axe');
		if (!isAxe(axe)) throw new Error('axe-core did not load into the page');
		const { violations } = await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});

		/** The element itself or its nearest ancestor that stays put while the page scrolls. */
		const pinnedBar = (element: Element | null): Element | null => {
			for (let at = element; at; at = at.parentElement) {
				const position = getComputedStyle(at).position;
				if (position === 'fixed' || position === 'sticky') return at;
			}
			return null;
		};
		const coveredOnlyByPinnedBars = (node: Node): boolean => {
			const target = document.querySelector(node.target[0]);
			const size = node.any.find((check) => check.id === 'target-size');
			if (!target || !size || size.relatedNodes.length === 0) return false;
			return size.relatedNodes.every((related) => {
				const bar = pinnedBar(document.querySelector(related.target[0]));
				return bar !== null && !bar.contains(target);
			});
		};

		return violations.flatMap((violation) =>
			violation.nodes
				.filter((node) => ['serious', 'critical'].includes(node.impact ?? violation.impact ?? ''))
				.filter((node) => !(violation.id === 'target-size' && coveredOnlyByPinnedBars(node)))
				.map((node) => ({
					rule: violation.id,
					impact: node.impact ?? violation.impact ?? '',
					target: node.target.join(' > '),
					why: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim()
				}))
		);
	}, WCAG_TAGS);
	const where = `${label} (${new URL(page.url()).pathname})`;
	return failing.map((node) => ({ where, ...node }));
}

/** The findings as lines to read in a failed test's output: page, rule, impact, element, reason. */
export function describeFindings(findings: Finding[]): string[] {
	return findings.map(
		(finding) =>
			`${finding.where}: ${finding.rule} [${finding.impact}] ${finding.target} — ${finding.why}`
	);
}
