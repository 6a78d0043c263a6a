// What both sides know about a journey map row: input schemas and the shapes pages receive.
import { z } from 'zod';
import { MAP_TITLE_MAX } from './limits';

export { MAP_TITLE_MAX } from './limits';

const title = z
	.string({ error: 'name_required' })
	.trim()
	.min(1, { error: 'name_required' })
	.max(MAP_TITLE_MAX, { error: 'text_too_long' });

/** A new map of a portrait. */
export const newMapSchema = z.object({
	title,
	portraitId: z.uuid({ error: 'portrait_unknown' })
});
export type NewMap = z.output<typeof newMapSchema>;

/** A map's new title. */
export const mapTitleSchema = z.object({ title });

/** A map in lists. */
export type MapSummary = {
	id: string;
	workspaceId: string;
	title: string;
	portraitId: string;
	portraitName: string;
	locked: boolean;
	createdAt: Date;
	updatedAt: Date;
};

/** What a map's page needs besides the document: who may do what. */
export type MapAccess = {
	/** May change the document and the title (false for readers, and for everyone while locked). */
	canEdit: boolean;
	/** May lock and unlock, and link the map to sessions (facilitators and admins). */
	canManage: boolean;
	/** May create and change touchpoints (editors of the workspace; guests only create). */
	canEditTouchpoints: boolean;
};
