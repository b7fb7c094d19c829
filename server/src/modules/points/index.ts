/**
 * Points (积分制管理): the rules, the append-only ledger and its balances, rankings and notices.
 * Other modules award points only through `award` / `awardMany` in their own transaction.
 */
export { PointsService } from './points.service';
export { award, awardMany, append, forgetRule, setRuleCacheMs, type AwardInput } from './points.ledger';
export { verifyBalances } from './points.verify';
export { RULE_FOR_KIND, ruleForKind } from './activity-rules';
export { pointsRoutes } from './points.routes';
