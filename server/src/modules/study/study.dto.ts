import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  LIMITS,
  lengthMessage,
  MATERIAL_KINDS,
  NOTE_MIN_CHARS,
  NOTE_STATUSES,
  MAX_PLAN_MATERIALS,
  QUIZ_MODES,
  STUDY_UPLOAD_KINDS,
  type CreateStudyPlanRequest,
  type StudyPlanListQuery,
  type StudyPlanStatus,
  type StudyUploadKind,
  type UpdateStudyPlanRequest,
  type CreateMaterialRequest,
  type CreateNoteRequest,
  type FinishSessionRequest,
  type MaterialKind,
  type MaterialListQuery,
  type NoteStatus,
  type QuizMode,
  type QuizQuestionInput,
  type UpdateMaterialRequest,
} from '@djzy/shared';
import { PageQueryDto, toBool, trim } from '../../core/dto';
import { IsId } from '../../core/validators';

export class QuizQuestionDto implements QuizQuestionInput {
  @IsString()
  @IsNotEmpty({ message: '题目不能为空' })
  @MaxLength(LIMITS.quizQuestion, { message: lengthMessage('题目', LIMITS.quizQuestion) })
  text: string;

  @IsArray()
  @ArrayMinSize(2, { message: '每题至少 2 个选项' })
  @ArrayMaxSize(6, { message: '每题最多 6 个选项' })
  @IsString({ each: true })
  @MaxLength(LIMITS.quizOption, { each: true, message: lengthMessage('选项', LIMITS.quizOption) })
  options: string[];

  @IsInt({ message: '正确答案必须是选项序号' })
  @Min(0)
  answer: number;
}

class MaterialFields {
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.materialSummary, { message: lengthMessage('摘要', LIMITS.materialSummary) })
  summary?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10, { message: '标签最多 10 个' })
  @IsString({ each: true })
  @MaxLength(LIMITS.tag, { each: true, message: lengthMessage('标签', LIMITS.tag) })
  tags?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.materialBody, { message: '正文过长' })
  body?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.materialUrl, { message: '地址过长' })
  @ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (v) => typeof v === 'string' && /^(https?:\/\/|\/)/.test(v),
      defaultMessage: () => '地址应以 http(s):// 或 / 开头',
    },
  })
  url?: string;

  @IsOptional()
  @IsString()
  @IsId('file')
  fileId?: string;

  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @IsOptional()
  @IsIn(QUIZ_MODES, { message: '测验方式不正确' })
  quizMode?: QuizMode;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5, { message: '测验最多 5 道题' })
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionDto)
  quiz?: QuizQuestionDto[];

  @IsOptional()
  @IsIn(['draft', 'published'], { message: '状态不正确' })
  status?: 'draft' | 'published';
}

export class CreateMaterialDto extends MaterialFields implements CreateMaterialRequest {
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请填写标题' })
  @MaxLength(LIMITS.materialTitle, { message: lengthMessage('标题', LIMITS.materialTitle) })
  title: string;

  @IsIn(MATERIAL_KINDS, { message: '资料类型只能是文章、视频或文档' })
  kind: MaterialKind;

  @IsInt({ message: '学习时长必须是整数秒' })
  @Min(0, { message: '学习时长不能为负' })
  @Max(7200, { message: '学习时长不能超过 2 小时' })
  minSeconds: number;
}

export class UpdateMaterialDto extends MaterialFields implements UpdateMaterialRequest {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请填写标题' })
  @MaxLength(LIMITS.materialTitle, { message: lengthMessage('标题', LIMITS.materialTitle) })
  title?: string;

  @IsOptional()
  @IsIn(MATERIAL_KINDS, { message: '资料类型只能是文章、视频或文档' })
  kind?: MaterialKind;

  @IsOptional()
  @IsInt({ message: '学习时长必须是整数秒' })
  @Min(0)
  @Max(7200)
  minSeconds?: number;
}

export class MaterialListQueryDto extends PageQueryDto implements MaterialListQuery {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.search, { message: '搜索内容过长' })
  q?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.tag)
  tag?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'required 只能是 true 或 false' })
  required?: boolean;

  @IsOptional()
  @IsIn(['draft', 'published'])
  status?: 'draft' | 'published';

  @IsOptional()
  @IsId('org')
  forOrgId?: string;
}

export class FinishSessionDto implements FinishSessionRequest {
  @IsOptional()
  @IsObject({ message: '答题格式不正确' })
  @ValidateBy({
    name: 'isAnswers',
    validator: {
      validate: (v) =>
        !!v &&
        typeof v === 'object' &&
        Object.keys(v).length <= 10 &&
        Object.values(v as object).every((x) => Number.isInteger(x) && x >= 0 && x < 10),
      defaultMessage: () => '答题格式不正确',
    },
  })
  quizAnswers?: Record<string, number>;
}

export class CreateNoteDto implements CreateNoteRequest {
  @IsOptional()
  @IsId('material')
  materialId?: string;

  @IsOptional()
  @IsId('activity')
  activityId?: string;

  @Transform(trim)
  @IsString({ message: '请填写学习心得' })
  @MinLength(NOTE_MIN_CHARS, { message: `学习心得至少 ${NOTE_MIN_CHARS} 个字` })
  @MaxLength(LIMITS.noteMax, { message: lengthMessage('学习心得', LIMITS.noteMax) })
  content: string;
}

export class NoteListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsId('member')
  memberId?: string;

  @IsOptional()
  @IsIn(NOTE_STATUSES, { message: '状态不正确' })
  status?: NoteStatus;
}

export class CompletionQueryDto {
  @IsId('org')
  orgId: string;
}

export class UploadQueryDto {
  @IsIn(STUDY_UPLOAD_KINDS, { message: '请选择上传类型：video（视频）或 document（文档）' })
  kind: StudyUploadKind;
}

const PLAN_STATUSES: StudyPlanStatus[] = ['upcoming', 'current', 'ended'];

export class CreateStudyPlanDto implements CreateStudyPlanRequest {
  @IsString()
  @IsId('org')
  orgId: string;

  @Transform(trim)
  @IsString({ message: '请填写计划名称' })
  @IsNotEmpty({ message: '请填写计划名称' })
  @MaxLength(LIMITS.planTitle, { message: lengthMessage('计划名称', LIMITS.planTitle) })
  title: string;

  @IsString({ message: '开始日期格式应为 2026-12-01' })
  startsOn: string;

  @IsString({ message: '截止日期格式应为 2026-12-31' })
  endsOn: string;

  @IsArray({ message: '请选择学习资料' })
  @ArrayMinSize(1, { message: '请至少选择一份学习资料' })
  @ArrayMaxSize(MAX_PLAN_MATERIALS, { message: `一个计划最多 ${MAX_PLAN_MATERIALS} 份资料` })
  @IsId('material', { each: true })
  materialIds: string[];

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.planNote, { message: lengthMessage('说明', LIMITS.planNote) })
  note?: string;
}

export class UpdateStudyPlanDto implements UpdateStudyPlanRequest {
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '请填写计划名称' })
  @IsNotEmpty({ message: '请填写计划名称' })
  @MaxLength(LIMITS.planTitle, { message: lengthMessage('计划名称', LIMITS.planTitle) })
  title?: string;

  @IsOptional()
  @IsString({ message: '开始日期格式应为 2026-12-01' })
  startsOn?: string;

  @IsOptional()
  @IsString({ message: '截止日期格式应为 2026-12-31' })
  endsOn?: string;

  @IsOptional()
  @IsArray({ message: '请选择学习资料' })
  @ArrayMinSize(1, { message: '请至少选择一份学习资料' })
  @ArrayMaxSize(MAX_PLAN_MATERIALS, { message: `一个计划最多 ${MAX_PLAN_MATERIALS} 份资料` })
  @IsId('material', { each: true })
  materialIds?: string[];

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.planNote, { message: lengthMessage('说明', LIMITS.planNote) })
  note?: string;
}

export class StudyPlanListQueryDto extends PageQueryDto implements StudyPlanListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIn(PLAN_STATUSES, { message: '状态只能是 upcoming、current 或 ended' })
  status?: StudyPlanStatus;
}
