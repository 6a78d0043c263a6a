// Downloads of a journey map (SVG, PNG, CSV), drawn from its stored document for a member of
// its workspace.
import type { Locale } from '$lib/paraglide/runtime';
import type { Db } from '../db';
import { download, fileStem } from '../outputs/http';
import { touchpointSummaries } from '../touchpoints/touchpoints';
import { loadMapState } from './documents';
import { mapCsv, mapSvg, svgToPng, type MapExportInput } from './export';
import { openMap } from './maps';

/** File formats of a map. */
export type MapFileFormat = 'svg' | 'png' | 'csv';

/** What an export of the map needs, for any member of its workspace. */
export async function loadMapExport(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	locale: Locale
): Promise<MapExportInput> {
	const { map } = await openMap(db, userId, workspaceId, mapId);
	const state = await loadMapState(db, map);
	const touchpoints = await touchpointSummaries(db, workspaceId);
	return {
		title: map.title,
		portraitName: map.portraitName,
		state,
		touchpoints: new Map(touchpoints.map((touchpoint) => [touchpoint.id, touchpoint])),
		locale
	};
}

/** The map as a download in `format`. */
export async function mapFile(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	format: MapFileFormat,
	locale: Locale
): Promise<Response> {
	const input = await loadMapExport(db, userId, workspaceId, mapId, locale);
	const stem = fileStem(input.title, 'journey-map');
	if (format === 'csv') return download(mapCsv(input), `${stem}.csv`, 'text/csv; charset=utf-8');
	const svg = mapSvg(input);
	if (format === 'svg') return download(svg, `${stem}.svg`, 'image/svg+xml; charset=utf-8');
	const png = svgToPng(svg);
	const file = download('', `${stem}.png`, 'image/png');
	return new Response(new Uint8Array(png), { headers: file.headers });
}
