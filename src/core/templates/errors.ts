export type TemplateErrorCode =
  | 'invalid_template_id'
  | 'invalid_template_name'
  | 'invalid_template_version'
  | 'template_not_found'
  | 'invalid_title'
  | 'invalid_author'
  | 'invalid_date';

/** Bad input to a template function, with a stable code. */
export class TemplateError extends Error {
  readonly code: TemplateErrorCode;
  constructor(code: TemplateErrorCode, message: string) {
    super(message);
    this.name = 'TemplateError';
    this.code = code;
  }
}
