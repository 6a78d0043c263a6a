import { db } from '$lib/server/db';
import { signedInUser } from '$lib/server/auth/current-user';
import { formText, runAction, runLoad } from '$lib/server/http';
import { mailDelivery } from '$lib/server/mail';
import {
	listOutbox,
	parseReminderDays,
	reminderSchedule,
	setReminderSchedule
} from '$lib/server/mail/outbox';
import type { Actions, PageServerLoad } from './$types';

/** Admins only; the services refuse everyone else. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const messages = await runLoad(() => listOutbox(db, signedInUser(locals).id, params.ws));
	return {
		delivery: mailDelivery(),
		messages,
		reminderDays: await runLoad(() => reminderSchedule(db, signedInUser(locals).id, params.ws))
	};
};

export const actions: Actions = {
	schedule: async ({ request, locals, params }) => {
		const raw = formText(await request.formData(), 'reminderDays');
		const result = await runAction(
			() => setReminderSchedule(db, signedInUser(locals).id, params.ws, parseReminderDays(raw)),
			{ reminderDays: raw }
		);
		if (result) return result;
		return { scheduleSaved: true };
	}
};
