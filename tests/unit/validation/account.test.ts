import { describe, expect, it } from 'vitest';
import { inviteSignUpSchema, signUpSchema } from '$lib/validation/account';
import { parseForm } from '$lib/validation/fields';

function form(values: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(values)) data.set(key, value);
	return data;
}

const valid = {
	name: 'Elena Petrova',
	email: 'Elena@Northwind.Example ',
	password: 'correct horse battery',
	workspaceName: 'Northwind Clinics'
};

describe('sign-up validation', () => {
	it('accepts a valid form and normalizes the e-mail', () => {
		const result = parseForm(signUpSchema, form(valid));
		expect(result).toEqual({
			ok: true,
			data: { ...valid, email: 'elena@northwind.example' }
		});
	});

	it.each([
		['email', 'not-an-email', 'email_invalid'],
		['email', `${'a'.repeat(250)}@x.io`, 'email_invalid'],
		['password', 'short', 'password_weak'],
		['password', 'aaaaaaaaaaaa', 'password_weak'],
		['password', 'Password123', 'password_weak'],
		['password', 'x'.repeat(201), 'password_too_long'],
		['name', '   ', 'name_required'],
		['name', 'N'.repeat(81), 'name_too_long'],
		['workspaceName', 'W'.repeat(81), 'name_too_long']
	])('rejects %s = %j with %s', (field, value, code) => {
		const result = parseForm(signUpSchema, form({ ...valid, [field]: value }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[field]).toContain(code);
	});

	it('reports every bad field at once', () => {
		const result = parseForm(
			signUpSchema,
			form({ name: '', email: 'x', password: '1', workspaceName: '' })
		);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(Object.keys(result.errors).sort()).toEqual([
				'email',
				'name',
				'password',
				'workspaceName'
			]);
	});

	it('treats a missing field as an error, not a crash', () => {
		const result = parseForm(inviteSignUpSchema, form({ name: 'Tom' }));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors.email).toEqual(['email_invalid']);
			expect(result.errors.password?.length).toBeGreaterThan(0);
		}
	});
});
