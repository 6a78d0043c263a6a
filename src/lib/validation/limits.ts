// Limits of the account and workspace fields and the UI's languages, without the validation
// library, so that pages can show them without loading it.

/** Longest display name, workspace or department name we accept. */
export const NAME_MAX = 80;
/** Longest password we hash (argon2 input is bounded to keep sign-in cheap). */
export const PASSWORD_MAX = 200;
/** Shortest password we accept. */
export const PASSWORD_MIN = 10;

/** Languages the UI is written in. */
export const languages = ['en', 'ru', 'bg'] as const;
export type Language = (typeof languages)[number];
