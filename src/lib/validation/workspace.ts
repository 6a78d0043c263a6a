import { z } from 'zod';
import { departmentField, emailField, nameField, roleField } from './fields';

/** An admin creates an invite link. */
export const inviteSchema = z.object({
	role: roleField,
	departmentId: departmentField,
	label: z
		.string()
		.trim()
		.max(80, { error: 'name_too_long' })
		.transform((value) => value || null),
	days: z.coerce.number().int().min(1).max(30).default(7),
	/** Where to mail the link; empty or absent: the admin passes the link on themselves. */
	email: z
		.union([z.literal('').transform(() => null), emailField])
		.optional()
		.transform((value) => value ?? null)
});

/** An admin changes a member's role and department. */
export const memberUpdateSchema = z.object({
	userId: z.uuid({ error: 'not_found' }),
	role: roleField,
	departmentId: departmentField
});

/** A department name. */
export const departmentSchema = z.object({ departmentName: nameField });

/** Renaming the workspace. */
export const workspaceSchema = z.object({ workspaceName: nameField });
