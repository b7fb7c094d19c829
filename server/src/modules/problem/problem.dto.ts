import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import {
  EVIDENCE_TYPES,
  FEEDBACK_CATEGORIES,
  FEEDBACK_STATUSES,
  LIMITS,
  MAX_EVIDENCE,
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  INSPECTION_KINDS,
  INSPECTION_METHODS,
  MAX_FINDINGS,
  RESPONSIBILITY_RESULTS,
  lengthMessage,
  type AcknowledgeResponsibilityRequest,
  type CreateResponsibilityItemRequest,
  type EvaluateResponsibilityRequest,
  type PublishResponsibilityRequest,
  type ResponsibilityResult,
  type CreateInspectionNoticeRequest,
  type CreateInspectionRequest,
  type CreateInterviewRequest,
  type FindingInput,
  type InspectionKind,
  type AssignProblemRequest,
  type CreateFeedbackRequest,
  type CreateProblemRequest,
  type EvidenceRef,
  type EvidenceType,
  type ExtendProblemRequest,
  type FeedbackCategory,
  type FeedbackListQuery,
  type FeedbackStatus,
  type ProblemListQuery,
  type ProblemProgressRequest,
  type ProblemSource,
  type ProblemStatus,
  type RecheckProblemRequest,
  type ReplyFeedbackRequest,
  type VoidProblemRequest,
} from '@djzy/shared';
import { IsText, IsYear, PageQueryDto, toBool } from '../../core/dto';
import { IsId, IsIsoDateTime, IsLocalDate } from '../../core/validators';

export class CreateProblemDto implements CreateProblemRequest {
  @IsString()
  @IsId('org')
  orgId: string;

  @IsYear()
  year: number;

  @IsIn(PROBLEM_SOURCES, { message: '问题来源不正确' })
  source: ProblemSource;

  @IsOptional()
  @IsString()
  @IsId('record')
  sourceRef?: string;

  @IsText('问题类别', LIMITS.problemCategory)
  category: string;

  @IsText('问题描述', LIMITS.problemDescription)
  description: string;

  @IsOptional()
  @IsBoolean({ message: '长期坚持只能是 是 或 否' })
  longTerm?: boolean;
}

export class AssignProblemDto implements AssignProblemRequest {
  @IsString({ message: '请选择整改责任人' })
  @IsId('member')
  responsibleMemberId: string;

  @IsLocalDate({ message: '整改期限格式应为 2026-12-31' })
  deadline: string;
}

export class EvidenceDto implements EvidenceRef {
  @IsIn(EVIDENCE_TYPES, { message: '佐证只能关联活动或联系记录' })
  type: EvidenceType;

  @IsString()
  @IsId('record')
  id: string;
}

export class ProblemProgressDto implements ProblemProgressRequest {
  @IsText('整改进展', LIMITS.problemText)
  text: string;

  @IsOptional()
  @IsArray({ message: '佐证格式不正确' })
  @ArrayMaxSize(MAX_EVIDENCE, { message: `佐证最多关联 ${MAX_EVIDENCE} 条记录` })
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
}

export class RecheckProblemDto implements RecheckProblemRequest {
  @IsIn(['pass', 'fail'], { message: '复查结果只能是 pass（通过）或 fail（不通过）' })
  result: 'pass' | 'fail';

  @IsText('复查意见', LIMITS.problemReason)
  note: string;
}

export class ExtendProblemDto implements ExtendProblemRequest {
  @IsLocalDate({ message: '整改期限格式应为 2026-12-31' })
  deadline: string;

  @IsText('延期理由', LIMITS.problemReason)
  reason: string;
}

export class VoidProblemDto implements VoidProblemRequest {
  @IsText('作废理由', LIMITS.problemReason)
  reason: string;
}

export class ProblemListQueryDto extends PageQueryDto implements ProblemListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;

  @IsOptional()
  @IsIn(PROBLEM_STATUSES, { message: '问题状态不正确' })
  status?: ProblemStatus;

  @IsOptional()
  @IsIn(PROBLEM_SOURCES, { message: '问题来源不正确' })
  source?: ProblemSource;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue 只能是 true 或 false' })
  overdue?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'mine 只能是 true 或 false' })
  mine?: boolean;
}

export class CreateFeedbackDto implements CreateFeedbackRequest {
  @IsIn(FEEDBACK_CATEGORIES, { message: '请选择投诉或建议' })
  category: FeedbackCategory;

  @IsText('投诉建议内容', LIMITS.feedbackContent, { emptyMessage: '请填写投诉建议的内容' })
  content: string;

  @IsText('联系方式', LIMITS.feedbackContact, { optional: true })
  contact?: string;

  @IsOptional()
  @IsString()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsString()
  @IsId('record')
  disclosureId?: string;
}

export class ReplyFeedbackDto implements ReplyFeedbackRequest {
  @IsText('答复', LIMITS.feedbackReply, { emptyMessage: '请填写答复内容' })
  content: string;
}

export class FeedbackListQueryDto extends PageQueryDto implements FeedbackListQuery {
  @IsOptional()
  @IsIn(FEEDBACK_STATUSES, { message: '状态不正确' })
  status?: FeedbackStatus;

  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue 只能是 true 或 false' })
  overdue?: boolean;
}

export class FindingDto implements FindingInput {
  @IsString()
  @IsId('org')
  orgId: string;

  @IsText('问题类别', LIMITS.problemCategory)
  category: string;

  @IsText('问题描述', LIMITS.problemDescription)
  description: string;
}

export class CreateInspectionDto implements CreateInspectionRequest {
  @IsString()
  @IsId('org')
  orgId: string;

  @IsText('检查主题', LIMITS.inspectionTopic)
  topic: string;

  @IsIn(INSPECTION_KINDS, { message: '检查类型不正确' })
  kind: InspectionKind;

  @IsLocalDate({ message: '开始日期格式应为 2026-12-01' })
  from: string;

  @IsLocalDate({ message: '结束日期格式应为 2026-12-31' })
  to: string;

  @IsArray({ message: '请选择检查对象' })
  @ArrayNotEmpty({ message: '请至少选择一个检查对象' })
  @ArrayMaxSize(MAX_FINDINGS, { message: `检查对象不能超过 ${MAX_FINDINGS} 个` })
  @IsId('org', { each: true })
  targetOrgIds: string[];

  @IsOptional()
  @IsArray({ message: '检查方式格式不正确' })
  @ArrayMaxSize(INSPECTION_METHODS.length, { message: '检查方式不正确' })
  @IsIn(INSPECTION_METHODS, { each: true, message: `检查方式只能是 ${INSPECTION_METHODS.join('、')}` })
  methods?: string[];

  @IsOptional()
  @IsString({ message: '检查报告必须是文本' })
  @MaxLength(LIMITS.inspectionReport, { message: lengthMessage('检查报告', LIMITS.inspectionReport) })
  report?: string;

  @IsArray({ message: '发现的问题格式不正确' })
  @ArrayMaxSize(MAX_FINDINGS, { message: `一次检查最多登记 ${MAX_FINDINGS} 个问题` })
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings: FindingDto[];
}

export class CreateInspectionNoticeDto implements CreateInspectionNoticeRequest {
  @IsString()
  @IsId('org')
  issuerOrgId: string;

  @IsYear()
  year: number;

  @IsText('通报标题', LIMITS.noticeTitleLong)
  title: string;

  @IsText('通报时段', LIMITS.noticePeriod)
  periodCovered: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FINDINGS)
  @IsId('record', { each: true })
  inspectionIds?: string[];

  @IsArray({ message: '通报的问题格式不正确' })
  @ArrayMaxSize(MAX_FINDINGS, { message: `一期通报最多 ${MAX_FINDINGS} 个问题` })
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings: FindingDto[];

  @IsOptional()
  @IsString({ message: '工作亮点必须是文本' })
  @MaxLength(LIMITS.noticeText, { message: lengthMessage('工作亮点', LIMITS.noticeText) })
  commendations?: string;

  @IsOptional()
  @IsString({ message: '整改要求必须是文本' })
  @MaxLength(LIMITS.noticeText, { message: lengthMessage('整改要求', LIMITS.noticeText) })
  requirements?: string;

  @IsLocalDate({ message: '整改期限格式应为 2026-12-31' })
  responseDeadline: string;
}

export class CreateInterviewDto implements CreateInterviewRequest {
  @IsString()
  @IsId('org')
  orgId: string;

  @IsArray({ message: '请选择被约谈人' })
  @ArrayNotEmpty({ message: '请至少选择一名被约谈人' })
  @ArrayMaxSize(50, { message: '一次约谈不超过 50 人' })
  @IsId('member', { each: true })
  intervieweeMemberIds: string[];

  @IsIsoDateTime({ message: '约谈时间格式应为 2026-12-10T09:00:00+08:00' })
  at: string;

  @IsText('约谈地点', LIMITS.interviewPlace)
  place: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FINDINGS)
  @IsId('problem', { each: true })
  reasonProblemIds?: string[];

  @IsText('约谈事由', LIMITS.interviewText)
  reasonText: string;

  @IsOptional()
  @IsString({ message: '约谈记录必须是文本' })
  @MaxLength(LIMITS.interviewText, { message: lengthMessage('约谈记录', LIMITS.interviewText) })
  record?: string;

  @IsOptional()
  @IsString({ message: '表态承诺必须是文本' })
  @MaxLength(LIMITS.interviewText, { message: lengthMessage('表态承诺', LIMITS.interviewText) })
  commitments?: string;
}

export class YearQueryDto {
  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}

export class OrgQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;
}

export class CreateResponsibilityItemDto implements CreateResponsibilityItemRequest {
  @IsString()
  @IsId('org')
  orgId: string;

  @IsYear()
  year: number;

  @IsText('类别', LIMITS.responsibilityCategory, { emptyMessage: '请填写类别（如 组织生活、阵地建设）' })
  category: string;

  @IsText('责任内容', LIMITS.responsibilityContent)
  content: string;

  @IsText('措施', LIMITS.responsibilityMeasures, { optional: true })
  measures?: string;

  @IsOptional()
  @IsLocalDate({ message: '完成时限格式应为 2026-12-31' })
  dueDate?: string;
}

export class PublishResponsibilityDto implements PublishResponsibilityRequest {
  @IsString()
  @IsId('org')
  orgId: string;

  @IsYear()
  year: number;
}

export class AcknowledgeResponsibilityDto implements AcknowledgeResponsibilityRequest {
  @IsText('落实措施', LIMITS.responsibilityMeasures)
  measures: string;

  @IsOptional()
  @IsString()
  @IsId('member')
  responsibleMemberId?: string;
}

export class EvaluateResponsibilityDto implements EvaluateResponsibilityRequest {
  @IsIn(RESPONSIBILITY_RESULTS, { message: '验单结果只能是 完成、基本完成 或 未完成' })
  result: ResponsibilityResult;

  @IsText('验单意见', LIMITS.problemReason, { optional: true })
  note?: string;
}

export class ResponsibilityListQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsYear({ query: true })
  year: number;
}
