import { redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { db } from '../db';
import { invalidForm, runAction } from '../http';
import { parseForm } from '$lib/validation/fields';
import { acknowledgeDefinition } from './reader';
import { signedInUser } from '../auth/current-user';

const acknowledgeForm = z.object({
	version: z.coerce.number({ error: 'not_found' }).int().positive({ error: 'not_found' })
});

/**
 * The reader pages' "I have read and understood" form action: a plain POST that works without
 * JavaScript, then a redirect back to the page (so a reload does not post again). The layout's
 * check does not cover actions, so the actor is checked here and the membership in the service.
 */
export async function acknowledgeAction(event: RequestEvent<{ ws: string }>) {
	const parsed = parseForm(acknowledgeForm, await event.request.formData());
	if (!parsed.ok) return invalidForm(400, parsed.errors);
	const result = await runAction(() =>
		acknowledgeDefinition(db, signedInUser(event.locals).id, event.params.ws, parsed.data.version)
	);
	if (!('acknowledgedAt' in result)) return result;
	redirect(303, `${event.url.pathname}#acknowledge`);
}
