/** Puts a server's field errors under the inputs of an antd form. */
import type { FormInstance } from 'antd';
import type { FieldError } from '@djzy/shared';

/**
 * Shows each field error under its input (`path` maps the server's field name, e.g.
 * `location.lat` or `quiz.0.answer`, to the form's name path, or null when the form has no such
 * input) and returns the messages that found no input, for the caller to show otherwise.
 */
export function placeFieldErrors(form: FormInstance, errors: FieldError[], path: (field: string) => (string | number)[] | null): string[] {
  const placed = errors.map((f) => ({ f, name: path(f.field) }));
  form.setFields(placed.filter((p) => p.name).map((p) => ({ name: p.name as never, errors: [p.f.message] })));
  return placed.filter((p) => !p.name).map((p) => p.f.message);
}
