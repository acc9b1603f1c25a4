/**
 * Every problem `code` the server can answer with. Adding a code here means documenting it in
 * docs/errors.md (test/unit/server/error-codes.test.ts checks both directions).
 */
export const ERROR_CODES = {
  bad_request: { status: 400, title: 'Bad request' },
  validation_failed: { status: 400, title: 'Validation failed' },
  invalid_json: { status: 400, title: 'Malformed JSON body' },
  invalid_cursor: { status: 400, title: 'Invalid pagination cursor' },
  nul_character: { status: 400, title: 'Text contains a NUL character' },
  unpaired_surrogate: { status: 400, title: 'Text contains an unpaired UTF-16 surrogate' },
  invalid_utf8: { status: 400, title: 'Body is not valid UTF-8' },
  wrong_password: { status: 400, title: 'Current password is wrong' },
  search_query_empty: { status: 400, title: 'Search query has no words' },
  search_query_too_long: { status: 400, title: 'Search query too long' },
  signature_required: { status: 400, title: 'Signed approval needs your password' },
  invalid_graphql: { status: 400, title: 'GraphQL document or request is invalid' },
  query_too_deep: { status: 400, title: 'GraphQL query nests too deeply' },
  query_too_costly: { status: 400, title: 'GraphQL query asks for too much' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Email or password is wrong' },
  invalid_token: { status: 401, title: 'Invalid, expired or revoked API token' },
  forbidden: { status: 403, title: 'Not allowed' },
  insufficient_scope: { status: 403, title: 'API token scope too narrow' },
  session_required: { status: 403, title: 'Sign-in session required' },
  csrf_failed: { status: 403, title: 'Cross-site request refused' },
  invite_email_mismatch: { status: 403, title: 'Invite is for another email address' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  already_set_up: { status: 409, title: 'Already set up' },
  email_taken: { status: 409, title: 'Email address already in use' },
  workspace_key_taken: { status: 409, title: 'Workspace key already in use' },
  already_member: { status: 409, title: 'Already a member' },
  last_owner: { status: 409, title: 'A workspace needs an owner' },
  template_read_only: { status: 409, title: 'Built-in templates cannot be changed' },
  spec_not_deleted: { status: 409, title: 'Spec is not deleted' },
  suggestion_outdated: { status: 409, title: 'The suggested range no longer matches the text' },
  suggestion_decided: { status: 409, title: 'The suggestion was already accepted or dismissed' },
  not_a_suggestion: { status: 409, title: 'The thread is not a suggestion' },
  invalid_transition_from_draft: { status: 409, title: 'Not allowed while the spec is a draft' },
  invalid_transition_from_in_review: { status: 409, title: 'Not allowed while the spec is in review' },
  invalid_transition_from_changes_requested: { status: 409, title: 'Not allowed while changes are requested' },
  invalid_transition_from_approved: { status: 409, title: 'Not allowed while the spec is approved' },
  invalid_transition_from_rejected: { status: 409, title: 'Not allowed: the spec was rejected' },
  invalid_transition_from_withdrawn: { status: 409, title: 'Not allowed: the spec was withdrawn' },
  invalid_transition_from_superseded: { status: 409, title: 'Not allowed: the spec was superseded' },
  invite_expired: { status: 410, title: 'Invite expired' },
  invite_used: { status: 410, title: 'Invite already used' },
  invite_revoked: { status: 410, title: 'Invite revoked' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  etag_mismatch: { status: 412, title: 'Spec changed since you read it' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  uri_too_long: { status: 414, title: 'URI too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  unknown_template: { status: 422, title: 'No such template' },
  invalid_edit: { status: 422, title: 'The edit cannot be applied' },
  anchor_not_found: { status: 422, title: 'The comment anchor is not in the spec' },
  approval_blocked: { status: 422, title: 'The approval gate is not met' },
  reviewer_not_member: { status: 422, title: 'Reviewers must be members of the workspace' },
  invalid_supersede: { status: 422, title: 'A spec cannot be superseded by that spec' },
  webhook_target_refused: { status: 422, title: 'Webhook URL refused' },
  locked: { status: 423, title: 'Locked' },
  spec_locked: { status: 423, title: 'Approved spec is locked' },
  upgrade_required: { status: 426, title: 'WebSocket upgrade required' },
  precondition_required: { status: 428, title: 'Precondition required' },
  rate_limited: { status: 429, title: 'Too many requests' },
  header_too_large: { status: 431, title: 'Request header fields too large' },
  internal_error: { status: 500, title: 'Internal server error' },
  not_ready: { status: 503, title: 'Not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes whose HTTP status is S, e.g. CodeWithStatus<409>. */
export type CodeWithStatus<S extends number> = {
  [K in ErrorCode]: (typeof ERROR_CODES)[K]['status'] extends S ? K : never;
}[ErrorCode];

/** Sub-codes in a validation problem's `errors[].code`. */
export const FIELD_ERROR_CODES = [
  'required',
  'unknown_field',
  'invalid_type',
  'invalid_value',
  'invalid_format',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_many_items',
  'duplicate_item',
  'invalid',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
