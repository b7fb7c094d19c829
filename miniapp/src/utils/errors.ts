import { ApiError } from '@djzy/shared';

/** A failed form submission as the form shows it: messages under named fields, and one above the button. */
export interface FormErrors {
  /** The server's Chinese message for each field of the form it named. */
  fields: Record<string, string>;
  /** What is not about one of the form's fields (429, 409, the network …); null when all went under fields. */
  message: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, message: null };

/**
 * Splits a failure into per-field messages (for `fields`, the form's own field names; a server
 * field `evidence.0.id` counts as `evidence`) and a general one; `byCode` words some codes for
 * this form (a friendlier 429).
 */
export function formErrors(e: unknown, fields: readonly string[], byCode: Record<string, string> = {}): FormErrors {
  if (!(e instanceof ApiError)) return { fields: {}, message: (e as Error)?.message || '提交失败，请稍后重试' };
  if (byCode[e.code]) return { fields: {}, message: byCode[e.code] };
  const out: Record<string, string> = {};
  const other: string[] = [];
  for (const fe of e.fieldErrors) {
    const name = fe.field.split('.')[0];
    if (fields.includes(name)) out[name] ??= fe.message;
    else other.push(fe.message);
  }
  const named = Object.keys(out).length > 0;
  return { fields: out, message: other[0] ?? (named ? null : e.message) };
}
