/** Puts a server's field errors under the inputs of an antd form. */
import type { FormInstance } from 'antd';
import { ApiError, type FieldError } from '@djzy/shared';
import { showError, showErrorText } from './client';

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

/** A server field name as a form name path: `quiz.0.answer` → `['quiz', 0, 'answer']`. */
export function namePath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * A failed save, shown where it belongs: each field error under its input and one message for the
 * rest (or asking to fix what is marked, so a field scrolled out of sight is not missed); any
 * other error the standard way.
 */
export function showFormError(form: FormInstance, err: unknown, path: (field: string) => (string | number)[] | null): void {
  if (!(err instanceof ApiError) || !err.fieldErrors.length) return showError(err);
  const rest = placeFieldErrors(form, err.fieldErrors, path);
  showErrorText(rest.length ? rest.join('；') : '请按提示修改后再保存');
}

/** The form's own names: a server field is the input of the same name (`quiz.0.answer` → `['quiz', 0, 'answer']`). */
const sameNames = (field: string) => namePath(field);

/**
 * A failed save for a form that shows its error in its own alert: each field error under its input
 * (those `path` maps to null are left out) and the message for the alert — the server's, or
 * `fallback` when no answer explains it.
 */
export function formErrorText(
  form: FormInstance,
  err: unknown,
  fallback: string,
  path: (field: string) => (string | number)[] | null = sameNames,
): string {
  if (!(err instanceof ApiError)) return fallback;
  placeFieldErrors(form, err.fieldErrors, path);
  return err.message;
}

/** A path that keeps the server's field names in `names` and leaves out the rest. */
export const onlyFields =
  (names: readonly string[]) =>
  (field: string): string[] | null =>
    names.includes(field) ? [field] : null;

/**
 * A failed save for a form whose alert is for what no input explains: the field errors `path`
 * knows go under their inputs and null is returned; otherwise the message for the alert.
 */
export function fieldErrorsOr(
  form: FormInstance,
  err: unknown,
  fallback: string,
  path: (field: string) => (string | number)[] | null = sameNames,
): string | null {
  if (!(err instanceof ApiError)) return fallback;
  const known = err.fieldErrors.filter((f) => path(f.field));
  if (!known.length) return err.message;
  placeFieldErrors(form, known, path);
  return null;
}
