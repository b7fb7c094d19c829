/** Pieces every DTO shares: query-string conversions and the contract's paging fields. */
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE, lengthMessage } from '@djzy/shared';

/** Trims text; anything else passes through to be refused by the type check. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Query-string integers: only digits convert, so `abc` stays text and is refused. */
export const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
/** Query-string booleans: only `true`/`1` and `false`/`0`; `maybe` stays text and is refused. */
export const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value;

/** `?page=1&pageSize=20` (pageSize ≤ 100), as every list of the contract takes it. */
export class PageQueryDto {
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: '页码必须是正整数' })
  @Min(1, { message: '页码必须是正整数' })
  @Max(100000, { message: '页码过大' })
  page?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: '每页条数必须是整数' })
  @Min(1, { message: '每页条数至少为 1' })
  @Max(MAX_PAGE_SIZE, { message: `每页条数不能超过 ${MAX_PAGE_SIZE}` })
  pageSize?: number;
}

/** Several property decorators as one. */
function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/** A year of the work (2000–2100), as a JSON number; `query: true` also takes it from a query string. */
export function IsYear(opts: { query?: boolean } = {}): PropertyDecorator {
  return all(
    ...(opts.query ? [Transform(toInt)] : []),
    IsInt({ message: '年度必须是整数' }),
    Min(2000, { message: '年度不正确' }),
    Max(2100, { message: '年度不正确' }),
  );
}

/**
 * A text a person types, trimmed, with its Chinese name for the messages (`label`) and its
 * length limit; required unless `optional` (then it may be left out, but not sent empty-typed).
 */
export function IsText(label: string, limit: number, opts: { optional?: boolean; emptyMessage?: string } = {}): PropertyDecorator {
  return all(
    ...(opts.optional ? [IsOptional()] : []),
    Transform(trim),
    IsString({ message: `${label}必须是文本` }),
    ...(opts.optional ? [] : [IsNotEmpty({ message: opts.emptyMessage ?? `请填写${label}` })]),
    MaxLength(limit, { message: lengthMessage(label, limit) }),
  );
}
