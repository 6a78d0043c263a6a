// Downloads through a page's links, and checks that the files are well formed: CSV read by a small
// RFC 4180 reader, SVG parsed by the browser's XML parser, PNG decoded by the browser.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { parseCsv } from '../../utils/csv';

/** A file the browser downloaded. */
export type Downloaded = { name: string; body: Buffer };

/** How long the server may take to draw a file (the PNG is rendered on request). */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Clicks a download link and returns the file the browser saved. */
export async function downloadBy(link: Locator): Promise<Downloaded> {
	const [download] = await Promise.all([
		link.page().waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT_MS }),
		link.click()
	]);
	const path = await download.path();
	return { name: download.suggestedFilename(), body: await readFile(path) };
}

/** A CSV as the app writes it (UTF-8 with BOM, CRLF lines), read into rows of fields. */
export function readCsv(body: Buffer): { bom: boolean; crlf: boolean; rows: string[][] } {
	const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
	const bom = text.startsWith('\uFEFF');
	const content = bom ? text.slice(1) : text;
	// Every line break outside quotes is CRLF: after dropping quoted fields none may be bare.
	const unquoted = content.replace(/"(?:[^"]|"")*"/g, '');
	const crlf = !/(?<!\r)\n/.test(unquoted) && !/\r(?!\n)/.test(unquoted);
	return { bom, crlf, rows: parseCsv(content) };
}

/** What the browser's XML parser makes of an SVG file. */
export type ParsedSvg = {
	/** The parser's error, or '' when the file is well formed. */
	error: string;
	/** Name and namespace of the root element. */
	root: string;
	namespace: string | null;
	/** Lines of text drawn, in order. */
	texts: string[];
	/** How many polylines (the emotion curve) it draws. */
	polylines: number;
};

/** Parses an SVG file with the browser's strict XML parser. */
export function parseSvg(page: Page, svg: string): Promise<ParsedSvg> {
	return page.evaluate((source) => {
		const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
		const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? '';
		const root = doc.documentElement;
		return {
			error,
			root: root.localName,
			namespace: root.namespaceURI,
			texts: [...doc.getElementsByTagName('text')].map((text) => text.textContent ?? ''),
			polylines: doc.getElementsByTagName('polyline').length
		};
	}, svg);
}

/** The PNG signature and the size its header states. */
export function pngHeader(body: Buffer): { signature: boolean; width: number; height: number } {
	const signature = body
		.subarray(0, 8)
		.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	const ihdr = body.subarray(12, 16).toString('latin1') === 'IHDR';
	return {
		signature: signature && ihdr,
		width: ihdr ? body.readUInt32BE(16) : 0,
		height: ihdr ? body.readUInt32BE(20) : 0
	};
}

/** Decodes a PNG in the browser; resolves with its size (rejects when it cannot be decoded). */
export function decodePng(page: Page, body: Buffer): Promise<{ width: number; height: number }> {
	return page.evaluate(async (base64) => {
		const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
		const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
		const size = { width: bitmap.width, height: bitmap.height };
		bitmap.close();
		return size;
	}, body.toString('base64'));
}
