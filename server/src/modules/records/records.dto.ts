import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BRANCH_RATINGS,
  COMMENDATION_SUBJECTS,
  RECORD_LIMITS as L,
  VISIT_PURPOSES,
  type BranchRating,
  type CommendationSubject,
  type CreateCommendationRequest,
  type CreateSiteInvestmentRequest,
  type CreateSiteRequest,
  type CreateTalkRequest,
  type CreateVisitRequest,
  type SetBranchRatingRequest,
  type TalkPersonInput,
  type UpdateSiteRequest,
  type VisitHouseholdInput,
  type VisitPurpose,
} from '@djzy/shared';
import { IsText, IsYear } from '../../core/dto';
import { Nullable } from '../../core/validate';
import { IsId, IsLocalDate } from '../../core/validators';

/** `?orgId=&year=` of every records list (both optional: the caller's whole scope, every year). */
export class RecordListQueryDto {
  @IsOptional()
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}

/** `?orgId=` of an import (the org the rows belong to, or under which their org names are found). */
export class ImportQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;
}

// ── 调研走访 ─────────────────────────────────────────────────────────────────────────────────

export class VisitHouseholdDto implements VisitHouseholdInput {
  @IsText('走访户', L.household)
  household: string;

  @IsOptional()
  @IsString()
  @IsId('member')
  memberId?: string;

  @IsOptional()
  @IsBoolean({ message: '是否贫困户只能是 是 或 否' })
  poor?: boolean;
}

export class CreateVisitDto implements CreateVisitRequest {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsOptional()
  @IsString()
  @IsId('member')
  visitorMemberId?: string;

  @IsText('走访人姓名', L.personName, { optional: true })
  visitorName?: string;

  @IsLocalDate({ message: '日期格式应为 2026-05-20' })
  on: string;

  @IsIn(VISIT_PURPOSES, { message: '类型应为 调研、走访慰问 或 走访党员群众' })
  purpose: VisitPurpose;

  @IsText('主题', L.topic)
  topic: string;

  @IsText('地点', L.place, { optional: true })
  place?: string;

  @IsOptional()
  @IsArray({ message: '走访户必须是列表' })
  @ArrayMaxSize(L.households, { message: `一次走访最多登记 ${L.households} 户` })
  @ValidateNested({ each: true })
  @Type(() => VisitHouseholdDto)
  households?: VisitHouseholdDto[];
}

// ── 谈心谈话 ─────────────────────────────────────────────────────────────────────────────────

export class TalkPersonDto implements TalkPersonInput {
  @IsOptional()
  @IsString()
  @IsId('member')
  memberId?: string;

  @IsText('谈话对象姓名', L.personName, { optional: true })
  name?: string;
}

export class CreateTalkDto implements CreateTalkRequest {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsOptional()
  @IsString()
  @IsId('member')
  talkerMemberId?: string;

  @IsText('谈话人姓名', L.personName, { optional: true })
  talkerName?: string;

  @IsLocalDate({ message: '日期格式应为 2026-05-20' })
  on: string;

  @IsText('谈话内容', L.topic)
  topic: string;

  @IsArray({ message: '请选择谈话对象' })
  @ArrayNotEmpty({ message: '请选择谈话对象' })
  @ArrayMaxSize(L.talkPeople, { message: `一次最多登记 ${L.talkPeople} 人` })
  @ValidateNested({ each: true })
  @Type(() => TalkPersonDto)
  with: TalkPersonDto[];
}

// ── 党建阵地 ─────────────────────────────────────────────────────────────────────────────────

const Area = () => (target: object, key: string | symbol) => {
  IsInt({ message: '面积必须是整数（平方米）' })(target, key);
  Min(1, { message: '面积必须大于 0' })(target, key);
  Max(1_000_000, { message: '面积过大' })(target, key);
};

export class CreateSiteDto implements CreateSiteRequest {
  @IsString({ message: '请选择党支部' })
  @IsId('org')
  orgId: string;

  @IsText('阵地名称', L.siteName)
  name: string;

  @IsText('地址', L.address, { optional: true })
  address?: string;

  @IsOptional()
  @Area()
  areaM2?: number;

  @IsOptional()
  @IsLocalDate({ message: '标准化建成日期格式应为 2026-05-20' })
  standardizedOn?: string;

  @IsText('备注', L.note, { optional: true })
  note?: string;
}

export class UpdateSiteDto implements UpdateSiteRequest {
  @IsText('阵地名称', L.siteName, { optional: true })
  name?: string;

  @Nullable()
  @IsText('地址', L.address, { optional: true })
  address?: string | null;

  @Nullable()
  @IsOptional()
  @Area()
  areaM2?: number | null;

  @Nullable()
  @IsOptional()
  @IsLocalDate({ message: '标准化建成日期格式应为 2026-05-20' })
  standardizedOn?: string | null;

  @Nullable()
  @IsText('备注', L.note, { optional: true })
  note?: string | null;
}

export class CreateSiteInvestmentDto implements CreateSiteInvestmentRequest {
  @IsLocalDate({ message: '日期格式应为 2026-05-20' })
  on: string;

  @IsInt({ message: '金额必须是以分为单位的整数' })
  @Min(1, { message: '金额必须大于 0' })
  @Max(2_000_000_000, { message: '金额过大' })
  amountCents: number;

  @IsText('用途', L.investmentPurpose)
  purpose: string;

  @IsOptional()
  @IsString()
  @IsId('record')
  disclosureId?: string;
}

// ── 支部评定 ─────────────────────────────────────────────────────────────────────────────────

export class BranchRatingQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsYear({ query: true })
  year: number;
}

export class SetBranchRatingDto implements SetBranchRatingRequest {
  @IsString({ message: '请选择党支部' })
  @IsId('org')
  orgId: string;

  @IsYear()
  year: number;

  @IsIn(BRANCH_RATINGS, { message: '评定等次应为 先进、一般 或 后进' })
  rating: BranchRating;

  @IsLocalDate({ message: '评定日期格式应为 2026-12-20' })
  decidedOn: string;

  @IsText('备注', L.note, { optional: true })
  note?: string;
}

// ── 选树表彰 ─────────────────────────────────────────────────────────────────────────────────

export class CreateCommendationDto implements CreateCommendationRequest {
  @IsYear()
  year: number;

  @IsLocalDate({ message: '表彰日期格式应为 2026-07-01' })
  on: string;

  @IsText('表彰名称', L.commendationTitle)
  title: string;

  @IsString({ message: '请选择表彰单位' })
  @IsId('org')
  issuerOrgId: string;

  @IsIn(COMMENDATION_SUBJECTS, { message: '表彰对象类型应为 基层党组织 或 党员' })
  subjectKind: CommendationSubject;

  @IsOptional()
  @IsString()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsString()
  @IsId('member')
  memberId?: string;

  @IsText('备注', L.note, { optional: true })
  note?: string;
}
