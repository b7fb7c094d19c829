/**
 * 慰问困难党员: hardships (committee-only) and care visits, and the 七一 / 春节 windows. The rules
 * are care.service.ts; the report module reads `care_visits` and `care_settings` for figure #29.
 */
export { CareService } from './care.service';
export { careRoutes } from './care.routes';
