/**
 * 述职评议 (sessions on a 述职测评会, duty reports pre-filled from the yearly report, anonymous
 * ballots, paper tallies, the committee's grades, 点评 → problems) and the branch secretaries'
 * 百分制考核. The rules are review.service.ts and assessment.service.ts.
 */
export { ReviewService, figuresJson } from './review.service';
export { AssessmentService, templateRow } from './assessment.service';
export { reviewRoutes } from './review.routes';
