import { error, fail, redirect } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/auth/current-user';
import { db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { runLoad } from '$lib/server/http';
import {
	IMPORT_MAX_BYTES,
	ImportRefused,
	importSession,
	syncSessionDocs
} from '$lib/server/outputs';
import { outputsPaths } from '$lib/outputs/report';
import type { Actions, PageServerLoad } from './$types';
import { requireAllowed } from '$lib/server/policies';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	await runLoad(() => requireAllowed(db, user.id, params.ws, 'facilitate'));
	return { maxMegabytes: IMPORT_MAX_BYTES / (1024 * 1024) };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		let sessionId: string;
		try {
			const user = signedInUser(locals);
			await requireAllowed(db, user.id, params.ws, 'facilitate');
			const form = await request.formData();
			const file = form.get('file');
			if (!(file instanceof File) || file.size === 0)
				throw new ImportRefused('import_file_required');
			if (file.size > IMPORT_MAX_BYTES) throw new ImportRefused('import_too_large');
			({ sessionId } = await importSession(
				db,
				user.id,
				params.ws,
				await file.text(),
				syncSessionDocs,
				{
					publish: form.get('publish') === 'on'
				}
			));
		} catch (err) {
			if (err instanceof ImportRefused)
				return fail(err.status, { errors: { file: [err.code] }, detail: err.detail });
			if (err instanceof DomainError) error(err.status, { message: err.code, code: err.code });
			throw err;
		}
		redirect(303, outputsPaths(params.ws, sessionId).outputs);
	}
};
