/**
 * 党费: bases per member and year and payments by month, recorded and reconciled (no money moves
 * through us). The rules are dues.service.ts. Nothing else reads these tables: dues never feed
 * points or rankings.
 */
export { DuesService } from './dues.service';
export { duesRoutes } from './dues.routes';
