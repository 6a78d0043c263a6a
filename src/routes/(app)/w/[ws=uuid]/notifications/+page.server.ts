import { z } from 'zod';
import { signedInUser } from '$lib/server/auth/current-user';
import { db } from '$lib/server/db';
import { invalidForm, runAction, runLoad } from '$lib/server/http';
import { listNotifications, markAllRead, markRead } from '$lib/server/notifications/notifications';
import { parseForm } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	runLoad(async () => ({
		notifications: await listNotifications(db, signedInUser(locals).id, params.ws)
	}));

const readForm = z.object({ id: z.uuid({ error: 'not_found' }) });

export const actions: Actions = {
	read: async ({ request, locals, params }) => {
		const form = await request.formData();
		return runAction(async () => {
			const user = signedInUser(locals);
			const parsed = parseForm(readForm, form);
			if (!parsed.ok) return invalidForm(400, parsed.errors);
			await markRead(db, user.id, params.ws, parsed.data.id);
			return { read: parsed.data.id };
		});
	},
	readAll: async ({ locals, params }) =>
		runAction(async () => {
			await markAllRead(db, signedInUser(locals).id, params.ws);
			return { readAll: true };
		})
};
