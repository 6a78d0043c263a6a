// A journey map as files: an SVG image drawn on the server from the stored document (stages
// across, visible lanes down, cards as boxes, the emotion curve across the stages), the same
// image as PNG (rendered by resvg from that SVG), and a CSV table of stages × lanes (every lane,
// hidden ones too, since a table is data). Texts come from people: the SVG escapes them and drops
// characters XML cannot hold; the CSV neutralizes formulas through the outputs' encoder.
import { Resvg } from '@resvg/resvg-js';
import {
	cardsByCell,
	cellKey,
	cellKind,
	emotionCurve,
	EMOTION_MAX,
	EMOTION_MIN,
	type Card,
	type ExperienceLevel,
	type JourneyMapState,
	type Lane
} from '$lib/journeys/doc';
import { laneLabel, levelLabel, scoreLabel } from '$lib/journeys/labels';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { TouchpointSummary } from '$lib/touchpoints/model';
import { encodeCsv, type CsvCell } from '../outputs/csv';

/** What an export needs besides the document. */
export type MapExportInput = {
	title: string;
	portraitName: string;
	state: JourneyMapState;
	/** Touchpoints the map may place, by id. */
	touchpoints: Map<string, TouchpointSummary>;
	locale: Locale;
};

const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
const LANE_WIDTH = 190;
const STAGE_WIDTH = 220;
const PAD = 16;
const TITLE_HEIGHT = 64;
const HEADER_HEIGHT = 44;
const FONT_SIZE = 12;
const LINE_HEIGHT = 16;
/** Average advance of a character at FONT_SIZE, for wrapping without measuring. */
const CHAR_WIDTH = 6.9;
/** The same for bold text. */
const BOLD_CHAR_WIDTH = 7.9;
const CARD_GAP = 6;
const CARD_PAD = 6;
const MAX_CARD_LINES = 10;
const EMOTION_ROW = 132;

const levelColors: Record<ExperienceLevel, string> = {
	below: '#fdecea',
	indifferent: '#f1f3f5',
	meets: '#e7f6ee',
	exceeds: '#d3f0ff'
};

/** Text safe inside XML: escaped, without the control characters XML 1.0 forbids. */
export function xmlText(value: string): string {
	return (
		value
			// eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters, so they are cut out
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
			.replaceAll('&', '&amp;')
			.replaceAll('<', '&lt;')
			.replaceAll('>', '&gt;')
			.replaceAll('"', '&quot;')
			.replaceAll("'", '&#39;')
	);
}

/** Greedy word wrap to `width` characters, breaking words longer than a line; at most `maxLines`. */
export function wrapText(value: string, width: number, maxLines = MAX_CARD_LINES): string[] {
	const lines: string[] = [];
	for (const paragraph of value.split(/\r?\n/)) {
		let line = '';
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			let rest = word;
			while (rest.length > width) {
				if (line) lines.push(line);
				lines.push(rest.slice(0, width));
				line = '';
				rest = rest.slice(width);
			}
			if (!rest) continue;
			if (!line) line = rest;
			else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
			else {
				lines.push(line);
				line = rest;
			}
		}
		lines.push(line);
	}
	while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, Math.max(0, width - 1))}…`;
	return kept;
}

type Box = { lines: string[]; bold: number; fill: string; stroke: string };

function cardBox(card: Card, input: MapExportInput, chars: number): Box {
	if (card.kind === 'text')
		return { lines: wrapText(card.text, chars), bold: 0, fill: '#fffbea', stroke: '#e9d98b' };
	const touchpoint = input.touchpoints.get(card.touchpointId);
	const o = { locale: input.locale };
	if (!touchpoint)
		return {
			lines: [m.journeys_touchpoint_removed({}, o)],
			bold: 0,
			fill: '#f1f3f5',
			stroke: '#ced4da'
		};
	const owner = touchpoint.ownerName ?? m.touchpoints_owner_missing({}, o);
	const rule = touchpoint.hasRule
		? m.touchpoints_rule_present({}, o)
		: m.touchpoints_rule_missing({}, o);
	const complete = touchpoint.ownerId !== null && touchpoint.hasRule;
	const name = wrapText(touchpoint.name, Math.floor((chars * CHAR_WIDTH) / BOLD_CHAR_WIDTH), 4);
	return {
		lines: [...name, ...wrapText(`${owner} · ${rule}`, chars, 2)],
		bold: name.length,
		fill: complete ? '#e6eef6' : '#fdecea',
		stroke: complete ? '#9bb7d4' : '#f4b8b1'
	};
}

function boxHeight(box: Box): number {
	return box.lines.length * LINE_HEIGHT + CARD_PAD * 2;
}

function textLines(lines: string[], x: number, y: number, attributes = ''): string {
	return lines
		.map(
			(line, index) =>
				`<text x="${x}" y="${y + index * LINE_HEIGHT}" ${attributes}>${xmlText(line)}</text>`
		)
		.join('');
}

/** The map as a standalone SVG document. */
export function mapSvg(input: MapExportInput): string {
	const { state, locale } = input;
	const lanes = state.lanes.filter((lane) => !lane.hidden);
	const stages = state.stages;
	const cells = cardsByCell(state);
	const chars = Math.floor((STAGE_WIDTH - 2 * (CARD_PAD + 6)) / CHAR_WIDTH);
	const laneChars = Math.floor((LANE_WIDTH - 2 * 10) / BOLD_CHAR_WIDTH);
	const headerChars = Math.floor((STAGE_WIDTH - 2 * 10) / BOLD_CHAR_WIDTH);
	const width = PAD * 2 + LANE_WIDTH + Math.max(1, stages.length) * STAGE_WIDTH;
	const stageX = (index: number) => PAD + LANE_WIDTH + index * STAGE_WIDTH;
	const parts: string[] = [];
	let y = PAD + TITLE_HEIGHT;

	// Stage headers.
	stages.forEach((stage, index) => {
		const lines = wrapText(stage.name, headerChars, 2);
		parts.push(
			`<rect x="${stageX(index)}" y="${y}" width="${STAGE_WIDTH}" height="${HEADER_HEIGHT}" fill="#1f4e79" stroke="#ffffff"/>`,
			textLines(
				lines,
				stageX(index) + 10,
				y + (lines.length > 1 ? 18 : 27),
				'fill="#ffffff" font-weight="700"'
			)
		);
	});
	y += HEADER_HEIGHT;

	const laneRows = lanes.map((lane) => rowOf(lane));
	function rowOf(lane: Lane) {
		const kind = cellKind(lane.kind);
		if (kind === 'emotion') return { lane, kind, height: EMOTION_ROW, boxes: [] as Box[][] };
		if (kind === 'experience') return { lane, kind, height: 44, boxes: [] as Box[][] };
		const boxes = stages.map((stage) =>
			(cells.get(cellKey(lane.id, stage.id)) ?? []).map((card) => cardBox(card, input, chars))
		);
		const tallest = Math.max(
			0,
			...boxes.map((list) => list.reduce((sum, box) => sum + boxHeight(box) + CARD_GAP, 0))
		);
		const labelLines = wrapText(laneLabel(lane, locale), laneChars, 4).length;
		return {
			lane,
			kind,
			height: Math.max(48, tallest + CARD_GAP, labelLines * LINE_HEIGHT + 20),
			boxes
		};
	}

	for (const row of laneRows) {
		const label = wrapText(laneLabel(row.lane, locale), laneChars, 4);
		parts.push(
			`<rect x="${PAD}" y="${y}" width="${LANE_WIDTH}" height="${row.height}" fill="#e6eef6" stroke="#d9dee5"/>`,
			textLines(label, PAD + 10, y + 22, 'font-weight="700" fill="#163a5b"')
		);
		stages.forEach((stage, index) => {
			const x = stageX(index);
			parts.push(
				`<rect x="${x}" y="${y}" width="${STAGE_WIDTH}" height="${row.height}" fill="#ffffff" stroke="#d9dee5"/>`
			);
			if (row.kind === 'experience') {
				const value = state.experience[cellKey(row.lane.id, stage.id)];
				if (!value) return;
				parts.push(
					`<rect x="${x + 6}" y="${y + 8}" width="${STAGE_WIDTH - 12}" height="28" rx="6" fill="${levelColors[value.level]}" stroke="#ced4da"/>`,
					textLines(wrapText(levelLabel(value.level, locale), chars, 1), x + 14, y + 27)
				);
				return;
			}
			let cardY = y + CARD_GAP;
			for (const box of row.boxes[index] ?? []) {
				const height = boxHeight(box);
				parts.push(
					`<rect x="${x + 6}" y="${cardY}" width="${STAGE_WIDTH - 12}" height="${height}" rx="6" fill="${box.fill}" stroke="${box.stroke}"/>`,
					textLines(
						box.lines.slice(0, box.bold),
						x + 6 + CARD_PAD,
						cardY + CARD_PAD + 12,
						'font-weight="700"'
					),
					textLines(
						box.lines.slice(box.bold),
						x + 6 + CARD_PAD,
						cardY + CARD_PAD + 12 + box.bold * LINE_HEIGHT
					)
				);
				cardY += height + CARD_GAP;
			}
		});
		if (row.kind === 'emotion') parts.push(emotionLine(state, y, stageX));
		y += row.height;
	}

	const height = y + PAD;
	const title = `${input.title} · ${m.journeys_portrait_of({ name: input.portraitName }, { locale })}`;
	return [
		`<?xml version="1.0" encoding="UTF-8"?>`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="${FONT_SIZE}" fill="#1b2430">`,
		`<title>${xmlText(title)}</title>`,
		`<rect width="${width}" height="${height}" fill="#f6f7f9"/>`,
		`<text x="${PAD}" y="${PAD + 24}" font-size="20" font-weight="700">${xmlText(input.title)}</text>`,
		`<text x="${PAD}" y="${PAD + 46}" fill="#5b6775">${xmlText(m.journeys_portrait_of({ name: input.portraitName }, { locale }))}</text>`,
		...parts,
		`</svg>`
	].join('\n');
}

function emotionLine(
	state: JourneyMapState,
	top: number,
	stageX: (index: number) => number
): string {
	const points = emotionCurve(state);
	const inner = EMOTION_ROW - 32;
	const yOf = (score: number) =>
		top + 16 + ((EMOTION_MAX - score) / (EMOTION_MAX - EMOTION_MIN)) * inner;
	const zero = yOf(0);
	const parts = [
		`<line x1="${stageX(0)}" y1="${zero}" x2="${stageX(points.length)}" y2="${zero}" stroke="#ced4da" stroke-dasharray="4 4"/>`
	];
	const set = points.flatMap((point, index) =>
		point.score === null
			? []
			: [{ x: stageX(index) + STAGE_WIDTH / 2, y: yOf(point.score), score: point.score }]
	);
	if (set.length > 1)
		parts.push(
			`<polyline points="${set.map((p) => `${p.x},${p.y}`).join(' ')}" fill="none" stroke="#1f4e79" stroke-width="3" stroke-linejoin="round"/>`
		);
	for (const point of set)
		parts.push(
			`<circle cx="${point.x}" cy="${point.y}" r="6" fill="${point.score < 0 ? '#b42318' : point.score > 0 ? '#1a7f4b' : '#5b6775'}"/>`,
			`<text x="${point.x + 10}" y="${point.y - 8}" font-weight="700">${xmlText(scoreLabel(point.score))}</text>`
		);
	return parts.join('');
}

/** The SVG rendered to PNG (system fonts; DejaVu or Liberation carry Cyrillic). */
export function svgToPng(svg: string): Buffer {
	const renderer = new Resvg(svg, {
		font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
		fitTo: { mode: 'original' }
	});
	return renderer.render().asPng();
}

/** The map as a CSV table: a header of stages, then one row per lane. */
export function mapCsv(input: MapExportInput): string {
	const { state, locale } = input;
	const o = { locale };
	const cells = cardsByCell(state);
	const cellText = (lane: Lane, stageId: string): CsvCell => {
		const key = cellKey(lane.id, stageId);
		const kind = cellKind(lane.kind);
		if (kind === 'experience') {
			const value = state.experience[key];
			return value ? levelLabel(value.level, locale) : '';
		}
		if (kind === 'emotion') return state.emotion[key]?.score ?? null;
		return (cells.get(key) ?? [])
			.map((card) => {
				if (card.kind === 'text') return card.text;
				const touchpoint = input.touchpoints.get(card.touchpointId);
				if (!touchpoint) return m.journeys_touchpoint_removed({}, o);
				return `${touchpoint.name} (${touchpoint.ownerName ?? m.touchpoints_owner_missing({}, o)}; ${touchpoint.hasRule ? m.touchpoints_rule_present({}, o) : m.touchpoints_rule_missing({}, o)})`;
			})
			.join('\n');
	};
	return encodeCsv([
		[m.journeys_lane_column({}, o), ...state.stages.map((stage) => stage.name)],
		...state.lanes.map((lane) => [
			laneLabel(lane, locale),
			...state.stages.map((stage) => cellText(lane, stage.id))
		])
	]);
}
