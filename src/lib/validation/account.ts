import { z } from 'zod';
import { emailField, languageField, nameField, passwordField } from './fields';

/** Sign-up of a new user who creates a new workspace. */
export const signUpSchema = z.object({
	name: nameField,
	email: emailField,
	password: passwordField,
	workspaceName: nameField
});

/** Sign-up through an invite link: no workspace to create. */
export const inviteSignUpSchema = z.object({
	name: nameField,
	email: emailField,
	password: passwordField
});

/** Sign-in: only shape is checked here; wrong credentials are one message for all cases. */
export const signInSchema = z.object({
	email: emailField,
	password: z
		.string()
		.min(1, { error: 'invalid_credentials' })
		.max(1000, { error: 'invalid_credentials' })
});

/** Profile edit. */
export const profileSchema = z.object({
	name: nameField,
	language: languageField
});

/** Password change on the profile page. */
export const passwordChangeSchema = z.object({
	currentPassword: z.string().min(1, { error: 'invalid_credentials' }).max(1000),
	newPassword: passwordField
});
