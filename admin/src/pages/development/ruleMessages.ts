import { ApiError } from '@djzy/shared';

/** A failed save's messages: each hard rule the server named, or its message. */
export function ruleMessages(e: unknown): string[] {
  if (e instanceof ApiError) {
    if (e.code === 'DEVELOPMENT_RULE' && Array.isArray(e.details)) return (e.details as { message: string }[]).map((d) => d.message);
    if (e.fieldErrors.length) return e.fieldErrors.map((f) => f.message);
    return [e.message];
  }
  return ['保存失败，请重试'];
}
