/**
 * Turns untrusted input (a body, a query) into a typed, validated DTO instance, or throws 400
 * VALIDATION_FAILED whose `details` name each bad field with a Chinese message. Unknown fields
 * are refused (forbidNonWhitelisted) so a typo never silently does nothing.
 */
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import type { FieldError } from '@djzy/shared';
import { AppError } from './errors';

/**
 * class-validator looks up a class's rules on every validation, scanning every decorated class
 * for parents (`instanceof` over ~200 DTOs) — per request and per nested object (issue #19: the
 * check-in's hottest input cost). Rules are fixed once the classes are loaded, so the answer is
 * kept per class and options; it starts over whenever another class registers rules.
 */
function memoiseRuleLookup(): void {
  const storage = getMetadataStorage() as unknown as {
    addValidationMetadata: (metadata: unknown) => void;
    getTargetValidationMetadatas: (...args: unknown[]) => unknown[];
    groupByPropertyName: (metadata: unknown[]) => Record<string, unknown[]>;
  };
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  const memo = new Map<unknown, Map<string, unknown[]>>();
  storage.addValidationMetadata = (metadata) => {
    memo.clear();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if ((groups as unknown[] | undefined)?.length) return lookUp(target, schema, always, strictGroups, groups);
    const key = `${String(schema)}|${String(always)}|${String(strictGroups)}`;
    let byClass = memo.get(target);
    if (!byClass) memo.set(target, (byClass = new Map()));
    let found = byClass.get(key);
    if (!found) byClass.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  // The rules grouped by property, once per list (the executor reads the groups, never changes them).
  const group = storage.groupByPropertyName.bind(storage);
  const grouped = new WeakMap<unknown[], Record<string, unknown[]>>();
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
}
memoiseRuleLookup();

const MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  isString: '必须是文本',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是 true 或 false',
  isIn: '取值不在允许范围内',
  isEnum: '取值不在允许范围内',
  maxLength: '内容过长',
  minLength: '内容过短',
  length: '长度不正确',
  matches: '格式不正确',
  min: '数值过小',
  max: '数值过大',
  isDateString: '不是有效的日期',
  isISO8601: '不是有效的日期时间',
  isArray: '必须是列表',
  arrayMaxSize: '列表项过多',
  nestedValidation: '内容不正确',
  unknownValue: '提交的内容格式不正确',
};

const HAS_CJK = /[\u4e00-\u9fff]/;

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      // One message per field: the first failing constraint is the one a person should fix.
      const [key, raw] = Object.entries(e.constraints)[0];
      out.push({ field, message: HAS_CJK.test(raw) ? raw : (MESSAGES[key] ?? '格式不正确') });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** No request of this API nests deeper than this; deeper input is refused before it is read. */
export const MAX_INPUT_DEPTH = 16;
/** Keys that would reach an object's prototype when copied onto a class instance. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks the raw input's shape before anything reads it: nesting depth and prototype keys, with
 * an explicit stack (a 3,000-deep body must not overflow the call stack either).
 */
function checkShape(input: object): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_INPUT_DEPTH) throw new AppError('VALIDATION_FAILED', [{ field: path || '(body)', message: '提交的内容嵌套层级过深' }]);
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) throw new AppError('VALIDATION_FAILED', [{ field, message: '不允许的字段' }]);
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
}

/** DTO properties where `null` means something (e.g. "no cap"); everywhere else null is refused. */
const NULLABLE = new WeakMap<object, Set<string>>();

/** Marks a DTO property that accepts `null` (its validators must allow it, e.g. with ValidateIf). */
export function Nullable(): PropertyDecorator {
  return (target, key) => {
    const set = NULLABLE.get(target.constructor) ?? new Set<string>();
    set.add(String(key));
    NULLABLE.set(target.constructor, set);
  };
}

/**
 * `null` where the DTO did not ask for it: class-validator's @IsOptional lets null through, and
 * it would reach the database as "clear this field". Walks the transformed instance, so nested
 * DTOs are checked against their own class.
 */
function nullsNotAllowed(instance: object): FieldError[] {
  const out: FieldError[] = [];
  const stack: { value: object; path: string }[] = [{ value: instance, path: '' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    const allowed = NULLABLE.get(value.constructor) ?? new Set<string>();
    for (const [key, v] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (v === null && !Array.isArray(value) && !allowed.has(key)) out.push({ field, message: '不能为空' });
      else if (v !== null && typeof v === 'object' && !(v instanceof Date)) stack.push({ value: v, path: field });
    }
  }
  return out;
}

/**
 * Validates `input` against `Dto`. Query strings arrive as text: their DTOs convert explicitly
 * (`@Transform`), never implicitly, so `mobile=maybe` is refused rather than read as true.
 */
export function validateInput<T extends object>(Dto: ClassConstructor<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AppError('VALIDATION_FAILED', [{ field: '(body)', message: '请求内容必须是 JSON 对象' }]);
  }
  checkShape(input);
  const instance = plainToInstance(Dto, input, { exposeDefaultValues: true });
  const nulls = nullsNotAllowed(instance);
  if (nulls.length) throw new AppError('VALIDATION_FAILED', nulls);
  const errors = validateSync(instance as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', flatten(errors));
  return instance;
}
