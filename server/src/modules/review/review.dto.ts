import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ASSESSMENT_AUTO_SOURCES,
  LIMITS,
  MAX_BALLOT_TOKENS,
  MAX_REVIEW_REPORTERS,
  REVIEW_GRADES,
  type AppealAssessmentRequest,
  type AssessmentAutoSource,
  type AssessmentItem,
  type AssessmentScoreInput,
  type AssessmentVetoItem,
  type AssessRequest,
  type CastBallotRequest,
  type ConfirmAssessmentRequest,
  type CreateAssessmentRequest,
  type CreateAssessmentTemplateRequest,
  type CreateReviewCommentRequest,
  type CreateReviewSessionRequest,
  type IssueBallotTokensRequest,
  type PaperTallyRequest,
  type RateReviewRequest,
  type ResolveAppealRequest,
  type ReturnDutyReportRequest,
  type ReviewCommentToProblemRequest,
  type ReviewGrade,
  type SelfAssessRequest,
  type UpdateAssessmentTemplateRequest,
  type UpdateDutyReportRequest,
  type UpdateReviewSessionRequest,
} from '@djzy/shared';
import { IsText, IsYear, toInt, trim } from '../../core/dto';
import { Nullable } from '../../core/validate';
import { IsId } from '../../core/validators';

const GRADE_MESSAGE = '测评等次不正确';

export class ShareDto {
  @IsInt({ message: '比例须为整数之比' })
  @Min(1, { message: '比例须为正数' })
  @Max(100, { message: '比例数值过大' })
  numerator: number;

  @IsInt({ message: '比例须为整数之比' })
  @Min(1, { message: '比例须为正数' })
  @Max(100, { message: '比例数值过大' })
  denominator: number;
}

export class CreateReviewSessionDto implements CreateReviewSessionRequest {
  @IsString({ message: '请选择述职测评会' })
  @IsId('activity')
  activityId: string;

  @IsArray({ message: '请选择述职人' })
  @ArrayNotEmpty({ message: '请至少选择一名述职人' })
  @ArrayMaxSize(MAX_REVIEW_REPORTERS, { message: `一次述职评议最多 ${MAX_REVIEW_REPORTERS} 名述职人` })
  @IsString({ each: true, message: '述职人编号不正确' })
  @IsId('member', { each: true })
  reporterMemberIds: string[];

  @IsOptional()
  @IsArray({ message: '测评等次格式不正确' })
  @ArrayMinSize(2, { message: '测评等次至少两个' })
  @ArrayMaxSize(6, { message: '测评等次最多六个' })
  @IsIn(REVIEW_GRADES, { each: true, message: GRADE_MESSAGE })
  grades?: ReviewGrade[];

  @IsOptional()
  @IsYear()
  year?: number;

  @IsOptional()
  @IsInt({ message: '应到人数须为整数' })
  @Min(0, { message: '应到人数不能为负' })
  @Max(5000, { message: '应到人数过大' })
  attendeeCount?: number;

  @IsOptional()
  @IsObject({ message: '有效票比例格式不正确' })
  @ValidateNested()
  @Type(() => ShareDto)
  minValidShare?: ShareDto;
}

export class UpdateReviewSessionDto implements UpdateReviewSessionRequest {
  @IsOptional()
  @IsInt({ message: '应到人数须为整数' })
  @Min(0, { message: '应到人数不能为负' })
  @Max(5000, { message: '应到人数过大' })
  attendeeCount?: number;

  @IsOptional()
  @IsObject({ message: '有效票比例格式不正确' })
  @ValidateNested()
  @Type(() => ShareDto)
  minValidShare?: ShareDto;
}

export class ReviewSessionQueryDto {
  @IsOptional()
  @IsId('activity')
  activityId?: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}

export class CandidatesQueryDto {
  @IsString({ message: '请选择述职测评会' })
  @IsId('activity')
  activityId: string;
}

export class IssueTokensDto implements IssueBallotTokensRequest {
  @IsInt({ message: '张数须为整数' })
  @Min(1, { message: '至少生成 1 张' })
  @Max(MAX_BALLOT_TOKENS, { message: `一次最多生成 ${MAX_BALLOT_TOKENS} 张` })
  count: number;
}

export class BallotGradeDto {
  @IsString({ message: '述职人编号不正确' })
  @IsId('member')
  reporterMemberId: string;

  @IsIn(REVIEW_GRADES, { message: GRADE_MESSAGE })
  grade: ReviewGrade;
}

export class CastBallotDto implements CastBallotRequest {
  @Transform(trim)
  @IsString({ message: '测评票无效' })
  @MaxLength(64, { message: '测评票无效' })
  token: string;

  @IsArray({ message: '请为述职人选择等次' })
  @ArrayNotEmpty({ message: '请至少为一名述职人选择等次' })
  @ArrayMaxSize(MAX_REVIEW_REPORTERS, { message: '评价条目过多' })
  @ValidateNested({ each: true })
  @Type(() => BallotGradeDto)
  grades: BallotGradeDto[];
}

export class BallotFormQueryDto {
  @Transform(trim)
  @IsString({ message: '测评票无效' })
  @MaxLength(64, { message: '测评票无效' })
  token: string;
}

const count = () => [
  IsOptional(),
  IsInt({ message: '票数须为整数' }),
  Min(0, { message: '票数不能为负' }),
  Max(10000, { message: '票数过大' }),
];
const apply =
  (ds: PropertyDecorator[]): PropertyDecorator =>
  (t, k) =>
    ds.forEach((d) => d(t, k));

export class GradeCountsDto implements Partial<Record<ReviewGrade, number>> {
  @apply(count()) good?: number;
  @apply(count()) fairly_good?: number;
  @apply(count()) average?: number;
  @apply(count()) poor?: number;
  @apply(count()) excellent?: number;
  @apply(count()) qualified?: number;
  @apply(count()) basically_qualified?: number;
  @apply(count()) unqualified?: number;
}

export class TallyRowDto {
  @IsString({ message: '述职人编号不正确' })
  @IsId('member')
  reporterMemberId: string;

  @IsObject({ message: '票数格式不正确' })
  @ValidateNested()
  @Type(() => GradeCountsDto)
  counts: GradeCountsDto;
}

export class PaperTallyDto implements PaperTallyRequest {
  @IsInt({ message: '纸质票张数须为整数' })
  @Min(1, { message: '纸质票至少 1 张' })
  @Max(10000, { message: '纸质票张数过大' })
  papers: number;

  @IsArray({ message: '请录入各述职人的票数' })
  @ArrayNotEmpty({ message: '请录入各述职人的票数' })
  @ArrayMaxSize(MAX_REVIEW_REPORTERS, { message: '条目过多' })
  @ValidateNested({ each: true })
  @Type(() => TallyRowDto)
  counts: TallyRowDto[];

  @IsText('监票人姓名', 50)
  witnessName: string;
}

export class FinalGradeDto {
  @IsString({ message: '述职人编号不正确' })
  @IsId('member')
  reporterMemberId: string;

  @IsIn(REVIEW_GRADES, { message: GRADE_MESSAGE })
  finalGrade: ReviewGrade;

  @IsText('评定依据', 500, { optional: true })
  basisNote?: string;
}

export class RateReviewDto implements RateReviewRequest {
  @IsText('研究确定的会议（如：镇党委会 2027-01-20 研究确定）', 200)
  decisionNote: string;

  @IsArray({ message: '请为述职人评定等次' })
  @ArrayNotEmpty({ message: '请为述职人评定等次' })
  @ArrayMaxSize(MAX_REVIEW_REPORTERS, { message: '条目过多' })
  @ValidateNested({ each: true })
  @Type(() => FinalGradeDto)
  grades: FinalGradeDto[];
}

export class UpdateDutyReportDto implements UpdateDutyReportRequest {
  @IsText('述职报告正文', LIMITS.dutyReportBody, { emptyMessage: '请撰写述职报告正文' })
  body: string;
}

export class ReturnDutyReportDto implements ReturnDutyReportRequest {
  @IsText('退回意见', 500)
  note: string;
}

export class CreateReviewCommentDto implements CreateReviewCommentRequest {
  @IsString({ message: '请选择述职人' })
  @IsId('member')
  reporterMemberId: string;

  @IsText('点评内容', LIMITS.reviewComment)
  text: string;

  @IsText('点评人', 50, { optional: true })
  byName?: string;
}

export class CommentToProblemDto implements ReviewCommentToProblemRequest {
  @IsText('问题类别', 50, { optional: true })
  category?: string;
}

// ── 百分制 ───────────────────────────────────────────────────────────────────────────────

const points = (label: string) => [
  IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }, { message: `${label}须为数字（最多一位小数）` }),
  Min(0, { message: `${label}不能为负` }),
  Max(100, { message: `${label}不能超过 100` }),
];

export class AssessmentItemDto implements AssessmentItem {
  @IsText('细则编号', 24)
  code: string;

  @IsText('考核类别', 50)
  category: string;

  @IsText('考核内容', 500)
  text: string;

  @apply(points('分值'))
  maxPoints: number;

  @IsText('扣分规则', 500)
  deductionRule: string;

  @IsOptional()
  @Nullable()
  @IsIn([...ASSESSMENT_AUTO_SOURCES, null], { message: '自动取数来源不正确（不能按学习时长、在线时长、登录或点赞计分）' })
  autoSource?: AssessmentAutoSource | null;
}

export class VetoItemDto implements AssessmentVetoItem {
  @IsText('否决项编号', 24)
  code: string;

  @IsText('否决项内容', 200)
  text: string;
}

export class TemplateBodyDto implements UpdateAssessmentTemplateRequest {
  @IsArray({ message: '请填写考核细则' })
  @ArrayNotEmpty({ message: '请至少填写一项考核细则' })
  @ArrayMaxSize(100, { message: '考核细则最多 100 项' })
  @ValidateNested({ each: true })
  @Type(() => AssessmentItemDto)
  items: AssessmentItemDto[];

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }, { message: '加分上限须为数字' })
  @Min(0, { message: '加分上限不能为负' })
  @Max(20, { message: '加分上限不能超过 20 分' })
  bonusCap: number;

  @IsArray({ message: '否决项格式不正确' })
  @ArrayMaxSize(20, { message: '否决项最多 20 项' })
  @ValidateNested({ each: true })
  @Type(() => VetoItemDto)
  vetoItems: VetoItemDto[];
}

export class CreateTemplateDto implements CreateAssessmentTemplateRequest {
  @IsString({ message: '请选择乡镇' })
  @IsId('org')
  orgId: string;

  @IsYear()
  year: number;

  @IsOptional()
  @IsArray({ message: '请填写考核细则' })
  @ArrayNotEmpty({ message: '请至少填写一项考核细则' })
  @ArrayMaxSize(100, { message: '考核细则最多 100 项' })
  @ValidateNested({ each: true })
  @Type(() => AssessmentItemDto)
  items?: AssessmentItemDto[];

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }, { message: '加分上限须为数字' })
  @Min(0, { message: '加分上限不能为负' })
  @Max(20, { message: '加分上限不能超过 20 分' })
  bonusCap?: number;

  @IsOptional()
  @IsArray({ message: '否决项格式不正确' })
  @ArrayMaxSize(20, { message: '否决项最多 20 项' })
  @ValidateNested({ each: true })
  @Type(() => VetoItemDto)
  vetoItems?: VetoItemDto[];
}

export class TemplateQueryDto {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}

export class CreateAssessmentDto implements CreateAssessmentRequest {
  @IsString({ message: '请选择考核细则' })
  @IsId('record')
  templateId: string;

  @IsString({ message: '请选择支部书记' })
  @IsId('member')
  subjectMemberId: string;
}

export class ScoreDto implements AssessmentScoreInput {
  @IsText('细则编号', 24)
  code: string;

  @apply(points('得分'))
  score: number;

  @IsText('扣分理由', 500, { optional: true })
  reason?: string;
}

export class SelfAssessDto implements SelfAssessRequest {
  @IsArray({ message: '请填写自评分' })
  @ArrayMaxSize(100, { message: '条目过多' })
  @ValidateNested({ each: true })
  @Type(() => ScoreDto)
  scores: ScoreDto[];
}

export class AssessDto implements AssessRequest {
  @IsArray({ message: '请填写考评分' })
  @ArrayMaxSize(100, { message: '条目过多' })
  @ValidateNested({ each: true })
  @Type(() => ScoreDto)
  scores: ScoreDto[];

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }, { message: '加分须为数字' })
  @Min(0, { message: '加分不能为负' })
  @Max(20, { message: '加分不能超过 20 分' })
  bonus?: number;

  @IsText('加分理由', 500, { optional: true })
  bonusReason?: string;

  @IsOptional()
  @IsArray({ message: '否决项格式不正确' })
  @ArrayMaxSize(20, { message: '否决项过多' })
  @IsString({ each: true, message: '否决项编号不正确' })
  @MaxLength(24, { each: true, message: '否决项编号不正确' })
  vetoCodes?: string[];

  @IsText('否决理由', 500, { optional: true })
  vetoReason?: string;
}

export class ConfirmAssessmentDto implements ConfirmAssessmentRequest {
  @IsIn(REVIEW_GRADES, { message: GRADE_MESSAGE })
  grade: ReviewGrade;

  @IsText('确认的会议（如：镇党委会 2027-01-20）', 200)
  decisionNote: string;
}

export class AppealAssessmentDto implements AppealAssessmentRequest {
  @IsText('申诉理由', LIMITS.assessmentReason)
  reason: string;
}

export class ResolveAppealDto implements ResolveAppealRequest {
  @IsText('申诉答复', 500)
  reply: string;

  @IsOptional()
  @IsIn(REVIEW_GRADES, { message: GRADE_MESSAGE })
  grade?: ReviewGrade;
}

export class AssessmentQueryDto {
  @IsOptional()
  @IsId('record')
  templateId?: string;

  @IsOptional()
  @Transform(toInt)
  @IsYear({ query: true })
  year?: number;
}
