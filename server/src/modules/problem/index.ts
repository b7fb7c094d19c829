/**
 * 问题清单 → 整改 → 销号 (problems, their history) and 投诉建议 (feedback, which may open a
 * problem). The rules are problem.service.ts and feedback.service.ts.
 */
export { ProblemService } from './problem.service';
export { FeedbackService } from './feedback.service';
export { OversightService } from './oversight.service';
export { ResponsibilityService } from './responsibility.service';
export { problemRoutes } from './problem.routes';
