import { error } from '@sveltejs/kit';
import type { Db } from '../db';
import { touchpointQuestionnaire } from './questionnaires';

/** The public answer link of the touchpoint's latest questionnaire; 404 when it has none. */
export async function questionnaireLink(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	origin: string
): Promise<string> {
	const questionnaire = await touchpointQuestionnaire(db, userId, workspaceId, touchpointId);
	if (!questionnaire) error(404, { message: 'not_found', code: 'not_found' });
	return `${origin}/q/${questionnaire.token}`;
}
