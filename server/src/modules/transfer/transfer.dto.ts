import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { TRANSFER_KINDS, TRANSFER_STATUSES, type CreateTransferRequest, type IssueTransferRequest, type TransferKind, type TransferStatus, type TransferStepRequest } from '@djzy/shared';
import { IsText } from '../../core/dto';
import { IsId, IsLocalDate } from '../../core/validators';

const DATE = { message: '日期格式应为 2026-12-20' };

export class TransferListQueryDto {
  @IsOptional()
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIn(TRANSFER_STATUSES, { message: '状态不正确' })
  status?: TransferStatus;
}

export class CreateTransferDto implements CreateTransferRequest {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @IsIn(TRANSFER_KINDS, { message: '转接类型应为 正式组织关系、党员证明信 或 流动党员活动证' })
  kind: TransferKind;

  @IsOptional()
  @IsString({ message: '请选择接收组织' })
  @IsId('org')
  toOrgId?: string;

  @IsText('接收组织名称', 100, { optional: true })
  toOrgName?: string;

  @IsText('转接原因', 500, { optional: true })
  reason?: string;

  @IsLocalDate(DATE)
  requestedOn: string;
}

export class TransferStepDto implements TransferStepRequest {
  @IsLocalDate(DATE)
  on: string;

  @IsText('说明', 500, { optional: true })
  note?: string;
}

export class IssueTransferDto implements IssueTransferRequest {
  @IsLocalDate(DATE)
  on: string;

  @IsOptional()
  @IsLocalDate(DATE)
  validUntil?: string;

  @IsString({ message: '党费交至月份格式应为 2026-12' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '党费交至月份格式应为 2026-12' })
  duesPaidThrough: string;

  @IsText('全国党员管理信息系统编号', 64, { optional: true })
  nationalSystemRef?: string;
}
