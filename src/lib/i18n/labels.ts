import { m } from '$lib/paraglide/messages';
import type { Language } from '$lib/validation/fields';

/** Role names in the current language. */
export const roleLabel = (role: 'admin' | 'facilitator' | 'member' | 'reader'): string =>
	({
		admin: m.role_admin,
		facilitator: m.role_facilitator,
		member: m.role_member,
		reader: m.role_reader
	})[role]();

/** Each language named in itself, as a language picker shows it. */
export const languageLabel = (language: Language): string =>
	({ en: m.lang_en, ru: m.lang_ru, bg: m.lang_bg })[language]();
