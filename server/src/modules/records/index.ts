/**
 * 述职台账: 调研走访, 谈心谈话, 党建阵地 and their investments, 支部评定 (晋位升级), 选树表彰 — the
 * records the yearly 述职报告 counts. The rules are records.service.ts; the report module reads
 * the tables (see records.entity.ts) with plain SQL.
 */
export { RecordsService } from './records.service';
export { RecordsImport } from './records.import';
export { recordsRoutes } from './records.routes';
