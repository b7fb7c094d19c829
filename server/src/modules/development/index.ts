/**
 * 发展党员: cases and their 25 steps with the rules checked as dates are entered, the county's
 * 发展党员计划 and working-day calendar. The rules are development.rules.ts (pure) and
 * development.service.ts; the report module reads `development_cases` and `development_steps`
 * (figures 16 and 17) with plain SQL.
 */
export { DevelopmentService } from './development.service';
export { DevelopmentImport } from './development.import';
export { developmentRoutes } from './development.routes';
