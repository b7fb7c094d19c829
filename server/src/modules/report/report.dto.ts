import { IsOptional, IsString } from 'class-validator';
import type { AnnualReportQuery } from '@djzy/shared';
import { IsYear } from '../../core/dto';
import { IsId } from '../../core/validators';

export class ReportQueryDto implements AnnualReportQuery {
  @IsOptional()
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}
