// The session report as Markdown, headings in the viewer's language. Every text that came from a
// person is escaped, so nothing in it becomes a heading, a link, a list or raw HTML in a renderer;
// definition texts are written from their plain-text form, never from HTML.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { ruleKinds } from '$lib/publications/model';
import {
	anonymityLabel,
	answerLabel,
	formatDate,
	roundStatusLabel,
	ruleListLabel,
	stageLabel
} from '$lib/outputs/labels';
import type { ReportDefinition, SessionReport } from '$lib/outputs/report';
import type { RoundProvenance } from '$lib/consensus/model';
import { voiceMarkdown } from './voice-markdown';

/** Escapes Markdown (CommonMark) syntax in one line of text. */
function escapeLine(line: string): string {
	const escaped = line.replace(/[\\`*_[\]<>|~#&]/g, '\\$&');
	// Line-start constructs: list markers, ordered list numbers, setext underlines.
	return escaped.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Escapes a text that may span lines; each line is escaped, and lines are joined with `joiner`. */
export function escapeMarkdown(text: string, joiner = '\n'): string {
	return text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => escapeLine(line.trimEnd()))
		.join(joiner);
}

/** A text as a block quote (every line quoted; an empty line stays inside the quote). */
function quote(text: string): string {
	return escapeMarkdown(text)
		.split('\n')
		.map((line) => (line ? `> ${line}` : '>'))
		.join('\n');
}

/** A text on one line, e.g. in a table cell or a heading. */
function oneLine(text: string): string {
	return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}

/** A list item whose text may span lines (continuation lines indented under the item). */
function item(text: string, marker = '-'): string {
	return `${marker} ${escapeMarkdown(text, `\n${' '.repeat(marker.length + 1)}`)}`;
}

function definitionLine(definition: ReportDefinition, locale: Locale): string {
	const details = [
		definition.roleTag ? `${m.outputs_role({}, { locale })}: ${oneLine(definition.roleTag)}` : '',
		definition.author ? `${m.outputs_author({}, { locale })}: ${oneLine(definition.author)}` : ''
	].filter(Boolean);
	const text = item(definition.text);
	return details.length ? `${text}\n  _${details.join(' · ')}_` : text;
}

/** Who agreed, had concerns, objected, was excused or did not answer, as Markdown list lines. */
function provenanceLines(provenance: RoundProvenance, locale: Locale): string {
	const o = { locale };
	const rows: [string, string[] | null][] = [
		[m.provenance_accepted({}, o), provenance.accepted],
		[m.provenance_concerns({}, o), provenance.concerns],
		[m.provenance_objected({}, o), provenance.objected],
		[m.provenance_answered({}, o), provenance.accepted === null ? provenance.answered : null],
		[m.provenance_excused({}, o), provenance.excused],
		[m.provenance_not_answered({}, o), provenance.notAnswered]
	];
	const lines = rows
		.filter((row): row is [string, string[]] => row[1] !== null)
		.map(
			([label, names]) =>
				`- ${oneLine(label)}: ${names.length ? names.map(oneLine).join(', ') : oneLine(m.provenance_nobody({}, o))}`
		);
	if (provenance.closedBy === 'facilitator')
		lines.push(
			item(
				m.provenance_closed_by_facilitator(
					{ needed: provenance.needed, expected: provenance.expected },
					o
				)
			)
		);
	return lines.join('\n');
}

/** The whole report as a Markdown document in `locale`. */
export function reportMarkdown(report: SessionReport, locale: Locale): string {
	const o = { locale };
	const out: string[] = [];
	const { session } = report;
	// Each argument is a block: blocks are separated by a blank line, so none runs into the next.
	const push = (...blocks: string[]) => out.push(...blocks.flatMap((block) => [block, '']));

	push(`# ${oneLine(session.title)}`, `_${m.outputs_report_subtitle({}, o)}_`);
	const meta = [
		[m.outputs_meta_workspace({}, o), oneLine(session.workspaceName)],
		...(session.scheduledOn
			? [[m.outputs_meta_date({}, o), formatDate(session.scheduledOn, locale)]]
			: []),
		[m.outputs_meta_anonymity({}, o), anonymityLabel(session.anonymity, o)],
		[m.outputs_meta_generated({}, o), formatDate(report.generatedAt, locale, true)]
	];
	push(meta.map(([label, value]) => `- **${label}:** ${value}`).join('\n'));
	if (session.goal.trim()) push(`**${m.outputs_meta_goal({}, o)}**`, quote(session.goal));
	push(
		`**${m.outputs_stages({}, o)}**`,
		session.stages
			.map((stage, index) => {
				const name = oneLine(stageLabel(stage, o));
				return `${index + 1}. ${stage.skipped ? `~~${name}~~ (${m.outputs_stage_skipped({}, o)})` : name}`;
			})
			.join('\n')
	);

	push(`## ${m.outputs_participants({}, o)}`);
	if (!report.participants.length) push(m.outputs_participants_none({}, o));
	else
		push(
			report.participants
				.map((person) => {
					const roles = [
						person.facilitator ? m.outputs_participant_facilitator({}, o) : '',
						person.guest ? m.outputs_participant_guest({}, o) : ''
					].filter(Boolean);
					return `- ${oneLine(person.name)}${roles.length ? ` (${roles.join(', ')})` : ''}`;
				})
				.join('\n')
		);

	push(`## ${m.outputs_definitions({}, o)}`);
	if (!report.definitions.revealed) push(m.outputs_definitions_hidden({}, o));
	else if (!report.definitions.items.length) push(m.outputs_definitions_none({}, o));
	else {
		if (!report.showsAuthors) push(`_${m.outputs_authors_hidden({}, o)}_`);
		push(`### ${m.outputs_themes({}, o)}`);
		const byId = new Map(report.definitions.items.map((definition) => [definition.id, definition]));
		for (const theme of report.themes) {
			push(`#### ${oneLine(theme.name) || '—'} (${theme.definitionIds.length})`);
			const lines = theme.definitionIds.flatMap((id) => {
				const definition = byId.get(id);
				return definition ? [definitionLine(definition, locale)] : [];
			});
			if (lines.length) push(lines.join('\n'));
		}
		const unsorted = report.definitions.items.filter((definition) => definition.themeId === null);
		if (unsorted.length) {
			push(`#### ${m.outputs_unsorted({}, o)} (${unsorted.length})`);
			push(unsorted.map((definition) => definitionLine(definition, locale)).join('\n'));
		}
	}

	push(`## ${m.outputs_criteria({}, o)}`);
	const { revealed, pending, proposals } = report.criteria;
	if (revealed)
		push(m.outputs_vote_rules({ budget: revealed.budget, maxPerItem: revealed.maxPerItem }, o));
	if (revealed && revealed.dotsGiven === 0)
		push(
			m.outputs_vote_no_dots({}, o),
			[...revealed.items]
				.sort((a, b) => a.position - b.position)
				.map((criterion) => `${item(criterion.text)}${criterion.isWinner ? ' ✓' : ''}`)
				.join('\n')
		);
	if (revealed && revealed.dotsGiven > 0) {
		push(
			[
				`| ${m.outputs_rank({}, o)} | ${m.outputs_criterion({}, o)} | ${m.outputs_total({}, o)} | ${m.outputs_winner({}, o)} |`,
				'| ---: | --- | ---: | :---: |',
				...revealed.items.map(
					(criterion) =>
						`| ${criterion.rank} | ${oneLine(criterion.text)} | ${criterion.total} | ${criterion.isWinner ? '✓' : ''} |`
				)
			].join('\n')
		);
	}
	if (pending) {
		push(
			revealed
				? m.outputs_vote_later_pending({}, o)
				: pending.status === 'open'
					? m.outputs_vote_pending_open({}, o)
					: m.outputs_vote_pending_closed({}, o)
		);
		if (!revealed) push(pending.items.map((text) => item(text)).join('\n'));
	}
	if (!revealed && !pending) {
		if (proposals.length)
			push(`_${m.outputs_proposals({}, o)}_`, proposals.map((text) => item(text)).join('\n'));
		else push(m.outputs_criteria_none({}, o));
	}

	push(`## ${m.outputs_winners({}, o)}`);
	push(
		report.winners.length
			? report.winners.map((text, index) => item(text, `${index + 1}.`)).join('\n')
			: m.outputs_winners_none({}, o)
	);

	push(`## ${m.outputs_versions({}, o)}`);
	if (!report.versions.length) push(m.outputs_versions_none({}, o));
	for (const version of report.versions) {
		push(
			`### ${m.outputs_version_heading({ number: version.number, name: oneLine(version.name) }, o)}`
		);
		const saved = m.outputs_saved_on({ date: formatDate(version.createdAt, locale, true) }, o);
		push(
			`_${version.createdBy ? `${saved} · ${m.outputs_saved_by({ name: oneLine(version.createdBy) }, o)}` : saved}_`
		);
		push(quote(version.text));
	}

	push(`## ${m.outputs_consensus({}, o)}`);
	if (!report.consensus.length) push(m.outputs_consensus_none({}, o));
	for (const round of report.consensus) {
		push(
			`### ${m.outputs_round_heading({ number: round.versionNumber, name: oneLine(round.versionName) }, o)}`,
			`**${roundStatusLabel(round.status, o)}** · ${m.outputs_tally(round.tally, o)} · ${m.outputs_round_opened({ date: formatDate(round.openedAt, locale, true) }, o)}${
				round.closedAt
					? ` · ${m.outputs_round_closed({ date: formatDate(round.closedAt, locale, true) }, o)}`
					: ''
			}`
		);
		if (round.provenance) push(provenanceLines(round.provenance, locale));
		if (!round.answers.length) push(m.outputs_answers_none({}, o));
		else
			push(
				round.answers
					.map((answer) => {
						const who = answer.author ? ` — ${oneLine(answer.author)}` : '';
						const comment = answer.comment.trim()
							? escapeMarkdown(answer.comment, '\n  ')
							: `_${m.outputs_answer_no_comment({}, o)}_`;
						return `- **${answerLabel(answer.answer, o)}**${who}: ${comment}`;
					})
					.join('\n')
			);
	}

	push(`## ${m.outputs_publication({}, o)}`);
	if (!report.publications.length) push(m.outputs_publication_none({}, o));
	for (const publication of report.publications) {
		push(
			`### ${m.outputs_publication_heading({ version: publication.version, date: formatDate(publication.publishedAt, locale) }, o)}`,
			quote(publication.definitionText),
			`_${m.outputs_consensus({}, o)}: ${m.outputs_tally(publication.consensus, o)}_`
		);
		if (publication.provenance) push(provenanceLines(publication.provenance, locale));
		push(`#### ${m.outputs_explanation({}, o)}`, escapeMarkdown(publication.explanation));
		for (const kind of ruleKinds) {
			if (!publication.rules[kind].length) continue;
			push(
				`#### ${ruleListLabel(kind, o)}`,
				publication.rules[kind].map((rule) => item(rule)).join('\n')
			);
		}
	}
	push(...voiceMarkdown(report.voice, locale));
	return `${out.join('\n').trimEnd()}\n`;
}
