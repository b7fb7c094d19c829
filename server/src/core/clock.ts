/**
 * The one clock: every rule that reads the time takes a `Clock` (tests pass a fake one), and
 * nothing in a service calls `new Date()` or `Date.now()` for a rule.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
