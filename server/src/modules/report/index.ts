/**
 * The yearly 述职报告 (thirty figures from the records, in Word and Excel) and the county's
 * overview. It owns no table: report.repository.ts is a read model over the other modules'
 * records, scoped to the org's subtree (the one such exception; see server/README.md).
 */
export { ReportService } from './report.service';
export { reportRoutes } from './report.routes';
