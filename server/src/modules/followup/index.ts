/** Follow-up of org life: rectification notices and the org-life frequency table. */
export { FollowUpService } from './followup.service';
export { followUpRoutes } from './followup.routes';
