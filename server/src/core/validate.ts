/**
 * Turns untrusted input (a body, a query) into a typed, validated DTO instance, or throws 400
 * VALIDATION_FAILED whose `details` name each bad field with a Chinese message. Unknown fields
 * are refused (forbidNonWhitelisted) so a typo never silently does nothing.
 */
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { FieldError } from '@djzy/shared';
import { AppError } from './errors';

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

/**
 * Validates `input` against `Dto`. Query strings arrive as text: their DTOs convert explicitly
 * (`@Transform`), never implicitly, so `mobile=maybe` is refused rather than read as true.
 */
export function validateInput<T extends object>(Dto: ClassConstructor<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AppError('VALIDATION_FAILED', [{ field: '(body)', message: '请求内容必须是 JSON 对象' }]);
  }
  const instance = plainToInstance(Dto, input, { exposeDefaultValues: true });
  const errors = validateSync(instance as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', flatten(errors));
  return instance;
}
