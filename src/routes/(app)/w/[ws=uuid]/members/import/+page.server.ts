import { fail } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/auth/current-user';
import { db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { runAction, runLoad } from '$lib/server/http';
import { requireAllowed } from '$lib/server/policies';
import { STAFF_FILE_MAX_BYTES } from '$lib/server/staff/csv';
import { applyStaffImport, previewStaffImport } from '$lib/server/staff/import';
import { previewOf } from '$lib/server/staff/plan';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	await runLoad(() => requireAllowed(db, user.id, params.ws, 'manageMembers'));
	return { maxKilobytes: STAFF_FILE_MAX_BYTES / 1024 };
};

const fileError = (code: 'import_file_required' | 'staff_file_too_large') =>
	fail(400, {
		errors: { file: [code] },
		params: { kilobytes: STAFF_FILE_MAX_BYTES / 1024 }
	});

/** Previews the plan of `csv`; the page keeps the text to apply exactly what it showed. */
async function preview(
	locals: App.Locals,
	workspaceId: string,
	csv: string,
	deactivateMissing: boolean
) {
	const plan = await previewStaffImport(db, signedInUser(locals).id, workspaceId, csv, {
		deactivateMissing
	});
	return { preview: previewOf(plan), csv, deactivateMissing };
}

export const actions: Actions = {
	preview: async ({ request, locals, params }) => {
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fileError('import_file_required');
		if (file.size > STAFF_FILE_MAX_BYTES) return fileError('staff_file_too_large');
		const csv = await file.text();
		return runAction(() => preview(locals, params.ws, csv, form.get('deactivateMissing') === 'on'));
	},
	apply: async ({ request, locals, params }) => {
		const form = await request.formData();
		const csv = form.get('csv');
		const fingerprint = form.get('fingerprint');
		if (typeof csv !== 'string' || typeof fingerprint !== 'string')
			return fileError('import_file_required');
		const deactivateMissing = form.get('deactivateMissing') === 'on';
		const result = await runAction(async () => {
			try {
				const applied = await applyStaffImport(db, signedInUser(locals).id, params.ws, csv, {
					deactivateMissing,
					fingerprint
				});
				return { applied };
			} catch (err) {
				if (err instanceof DomainError && err.code === 'staff_import_changed')
					return { changed: true };
				throw err;
			}
		});
		if (!('changed' in result)) return result;
		// Show what the file would do now, and why the old preview was not applied.
		const fresh = await runAction(() => preview(locals, params.ws, csv, deactivateMissing));
		if (!('preview' in fresh)) return fresh;
		return fail(409, { ...fresh, errors: { file: ['staff_import_changed' as const] } });
	}
};
