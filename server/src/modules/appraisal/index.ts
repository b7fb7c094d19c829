/**
 * 民主评议党员 and 组织处置: appraisal rounds per branch and year, and disposals step by step. The
 * rules are appraisal.service.ts; the report module reads `disposals` for figure #21.
 */
export { AppraisalService } from './appraisal.service';
export { appraisalRoutes } from './appraisal.routes';
export { MemberRecordsService } from './records.service';
