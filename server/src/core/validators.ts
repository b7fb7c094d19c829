/** Validation decorators for the domain's formats, with Chinese messages. */
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidIdCard, isValidPhone } from '@djzy/shared';

export function IsIdCard(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isIdCard',
      validator: {
        validate: (v) => typeof v === 'string' && isValidIdCard(v),
        defaultMessage: () => '身份证号不正确（应为 18 位，且校验位正确）',
      },
    },
    options,
  );
}

/** A mainland mobile number; with `allowEmpty`, '' too (it clears the field). */
export function IsPhone(opts: { allowEmpty?: boolean } = {}, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isPhone',
      validator: {
        validate: (v) => typeof v === 'string' && ((opts.allowEmpty && v === '') || isValidPhone(v)),
        defaultMessage: () => '手机号应为 11 位数字',
      },
    },
    options,
  );
}

/** A calendar date YYYY-MM-DD that exists. */
export function IsLocalDate(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (v) => typeof v === 'string' && isRealDate(v),
        defaultMessage: () => '日期格式应为 YYYY-MM-DD',
      },
    },
    options,
  );
}

export function isRealDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] && +m[1] >= 1900;
}

/** An id as the API hands them out. */
/** What an id names, for the one wording of a malformed id: `组织编号不正确`. */
export const ID_OF = {
  org: '组织',
  member: '党员',
  activity: '活动',
  material: '资料',
  file: '文件',
  cadre: '联系干部',
  problem: '问题',
  feedback: '投诉建议',
  record: '记录',
  deed: '办实事',
  liaison: '联系',
  household: '联系户',
  request: '便民服务',
  case: '发展档案',
  step: '步骤记录',
} as const;

/**
 * An id as this API issues them; `of` names what it identifies, so every malformed id of a kind
 * is refused with the same words (组织编号不正确).
 */
export function IsId(of?: keyof typeof ID_OF, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isId',
      validator: {
        validate: (v) => typeof v === 'string' && /^[0-9a-z]{1,32}$/.test(v),
        defaultMessage: () => (of ? `${ID_OF[of]}编号不正确` : '编号格式不正确'),
      },
    },
    options,
  );
}

/** An ISO 8601 date-time with an offset (`2026-11-27T09:00:00+08:00` or `…Z`). */
export function IsIsoDateTime(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: {
        validate: (v) =>
          typeof v === 'string' &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
          !Number.isNaN(new Date(v).getTime()) &&
          isRealDate(v.slice(0, 10)),
        defaultMessage: () => '时间格式应为 2026-11-27T09:00:00+08:00',
      },
    },
    options,
  );
}
