import { m } from '$lib/paraglide/messages';
import type { ErrorCode } from '$lib/errors';

type WithParams =
	'too_many_attempts' | 'staff_file_too_large' | 'staff_too_many_rows' | 'staff_csv_invalid';

const messages: Record<Exclude<ErrorCode, WithParams>, () => string> = {
	forbidden: m.error_forbidden,
	not_found: m.error_not_found,
	unauthorized: m.error_unauthorized,
	invalid_input: m.error_invalid_input,
	email_invalid: m.error_email_invalid,
	email_taken: m.error_email_taken,
	password_weak: m.error_password_weak,
	password_too_long: m.error_password_too_long,
	name_required: m.error_name_required,
	name_too_long: m.error_name_too_long,
	invalid_credentials: m.error_invalid_credentials,
	invite_invalid: m.error_invite_invalid,
	invite_expired: m.error_invite_expired,
	invite_used: m.error_invite_used,
	already_member: m.error_already_member,
	last_admin: m.error_last_admin,
	department_exists: m.error_department_exists,
	department_unknown: m.error_department_unknown,
	role_unknown: m.error_role_unknown,
	language_unknown: m.error_language_unknown,
	guest_only_session: m.error_guest_only_session,
	session_not_participant: m.error_session_not_participant,
	read_only: m.error_read_only,
	participant_reader: m.error_participant_reader,
	stage_not_open: m.error_stage_not_open,
	session_locked: m.error_session_locked,
	definition_submitted: m.error_definition_submitted,
	text_required: m.error_text_required,
	text_too_long: m.error_text_too_long,
	text_invalid_characters: m.error_text_invalid_characters,
	title_required: m.error_title_required,
	guest_code_invalid: m.error_guest_code_invalid,
	guest_removed: m.error_guest_removed,
	guests_closed: m.error_guests_closed,
	participant_unknown: m.error_participant_unknown,
	participant_excused: m.error_participant_excused,
	excuse_facilitator: m.error_excuse_facilitator,
	excuse_self: m.error_excuse_self,
	remove_member: m.error_remove_member,
	date_invalid: m.error_date_invalid,
	timer_invalid: m.error_timer_invalid,
	revision_conflict: m.error_revision_conflict,
	over_budget: m.error_over_budget,
	over_item_limit: m.error_over_item_limit,
	vote_not_open: m.error_vote_not_open,
	vote_closed: m.error_vote_closed,
	no_criteria: m.error_no_criteria,
	vote_not_revealed: m.error_vote_not_revealed,
	consensus_not_open: m.error_consensus_not_open,
	consensus_blocked: m.error_consensus_blocked,
	version_unknown: m.error_version_unknown,
	nothing_to_publish: m.error_nothing_to_publish,
	comment_required: m.error_comment_required,
	import_file_required: m.error_import_file_required,
	import_too_large: m.error_import_too_large,
	import_not_json: m.error_import_not_json,
	import_wrong_format: m.error_import_wrong_format,
	import_invalid: m.error_import_invalid,
	map_locked: m.error_map_locked,
	owner_unknown: m.error_owner_unknown,
	portrait_unknown: m.error_portrait_unknown,
	rule_too_long: m.error_rule_too_long,
	session_unknown: m.error_session_unknown,
	value_share_invalid: m.error_value_share_invalid,
	photo_required: m.error_photo_required,
	photo_too_large: m.error_photo_too_large,
	photo_type_unsupported: m.error_photo_type_unsupported,
	compare_count: m.error_compare_count,
	staff_file_empty: m.error_staff_file_empty,
	staff_columns_missing: m.error_staff_columns_missing,
	staff_email_repeated: m.error_staff_email_repeated,
	staff_rows_invalid: m.error_staff_rows_invalid,
	staff_import_changed: m.error_staff_import_changed,
	deactivate_self: m.error_deactivate_self,
	account_deactivated: m.error_account_deactivated
};

/** The message for an error id in the current language. */
export function translateError(code: ErrorCode, params: Record<string, number> = {}): string {
	if (code === 'too_many_attempts')
		return m.error_too_many_attempts({ seconds: params.seconds ?? 60 });
	if (code === 'staff_file_too_large')
		return m.error_staff_file_too_large({ kilobytes: params.kilobytes ?? 1024 });
	if (code === 'staff_too_many_rows')
		return m.error_staff_too_many_rows({ max: params.max ?? 5000 });
	if (code === 'staff_csv_invalid') return m.error_staff_csv_invalid({ line: params.line ?? 1 });
	return messages[code]();
}
