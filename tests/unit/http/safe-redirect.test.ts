import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '$lib/server/http';

describe('redirect after sign-in', () => {
	it('keeps a same-site path with its query', () => {
		expect(safeRedirectPath('/w/123/members?tab=invites')).toBe('/w/123/members?tab=invites');
	});

	it.each([
		'https://evil.example/',
		'//evil.example/x',
		'/\\evil.example',
		'javascript:alert(1)',
		'',
		null,
		undefined
	])('turns %j into /', (value) => {
		expect(safeRedirectPath(value)).toBe('/');
	});
});
