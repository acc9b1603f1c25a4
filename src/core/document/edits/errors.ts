/** Why an edit was refused: a stable snake_case code plus a message for people. */
export type SpecEditErrorCode =
  | 'section_not_found'
  | 'table_not_found'
  | 'cell_out_of_range'
  | 'task_not_found'
  | 'field_not_found'
  | 'invalid_heading_level'
  | 'invalid_heading_text'
  | 'invalid_value'
  | 'structure_changed';

export const SPEC_EDIT_ERROR_CODES: readonly SpecEditErrorCode[] = [
  'section_not_found', 'table_not_found', 'cell_out_of_range', 'task_not_found', 'field_not_found',
  'invalid_heading_level', 'invalid_heading_text', 'invalid_value', 'structure_changed',
];

/** Thrown by edit functions for an unknown address or a value that cannot be written there. */
export class SpecEditError extends Error {
  override readonly name = 'SpecEditError';
  constructor(readonly code: SpecEditErrorCode, message: string) {
    super(message);
  }
}
