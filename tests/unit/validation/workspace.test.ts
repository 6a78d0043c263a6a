import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/validation/fields';
import { inviteSchema, memberUpdateSchema } from '$lib/validation/workspace';

function form(values: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(values)) data.set(key, value);
	return data;
}

describe('workspace validation', () => {
	it('reads an empty department as none and defaults the invite lifetime', () => {
		const result = parseForm(
			inviteSchema,
			form({ role: 'facilitator', departmentId: '', label: '  ' })
		);
		expect(result).toEqual({
			ok: true,
			data: { role: 'facilitator', departmentId: null, label: null, days: 7, email: null }
		});
	});

	it('refuses an unknown role and a malformed department id', () => {
		const result = parseForm(
			memberUpdateSchema,
			form({ userId: crypto.randomUUID(), role: 'owner', departmentId: 'sales' })
		);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors.role).toEqual(['role_unknown']);
			expect(result.errors.departmentId).toEqual(['department_unknown']);
		}
	});

	it('bounds the invite lifetime to 1–30 days', () => {
		for (const days of ['0', '31', 'abc']) {
			const result = parseForm(
				inviteSchema,
				form({ role: 'member', departmentId: '', label: '', days })
			);
			expect(result.ok, days).toBe(false);
		}
	});
});
