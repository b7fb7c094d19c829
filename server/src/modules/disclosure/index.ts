/**
 * 三务公开: disclosures of a village's Party, village and finance affairs and subsidies, their
 * signatures, corrections and schedules, and the public page's routes (no sign-in). The rules are
 * disclosure.service.ts and schedule.service.ts.
 */
export { DisclosureService } from './disclosure.service';
export { DisclosureScheduleService } from './schedule.service';
export { disclosureRoutes } from './disclosure.routes';
