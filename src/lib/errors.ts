/** Stable ids of the errors a user can meet; the UI translates each one (see `$lib/i18n/errors`). */
export const errorCodes = [
	'forbidden',
	'not_found',
	'unauthorized',
	'invalid_input',
	'email_invalid',
	'email_taken',
	'password_weak',
	'password_too_long',
	'name_required',
	'name_too_long',
	'invalid_credentials',
	'too_many_attempts',
	'invite_invalid',
	'invite_expired',
	'invite_used',
	'already_member',
	'last_admin',
	'department_exists',
	'department_unknown',
	'role_unknown',
	'language_unknown',
	'guest_only_session',
	'session_not_participant',
	'stage_not_open',
	'session_locked',
	'definition_submitted',
	'text_required',
	'text_too_long',
	'title_required',
	'guest_code_invalid',
	'guests_closed',
	'participant_unknown',
	'date_invalid',
	'timer_invalid',
	'revision_conflict',
	'over_budget',
	'over_item_limit',
	'vote_not_open',
	'vote_closed',
	'no_criteria',
	'vote_not_revealed',
	'consensus_not_open',
	'consensus_blocked',
	'version_unknown',
	'nothing_to_publish',
	'comment_required',
	'import_file_required',
	'import_too_large',
	'import_not_json',
	'import_wrong_format',
	'import_invalid',
	'map_locked',
	'owner_unknown',
	'portrait_unknown',
	'rule_too_long',
	'session_unknown',
	'value_share_invalid',
	'photo_required',
	'photo_too_large',
	'photo_type_unsupported',
	'compare_count'
] as const;

/** One of the known error ids. */
export type ErrorCode = (typeof errorCodes)[number];

/** Field name → error ids, as forms receive them from `fail()`. */
export type FieldErrors = Partial<Record<string, ErrorCode[]>>;

export function isErrorCode(value: unknown): value is ErrorCode {
	return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
