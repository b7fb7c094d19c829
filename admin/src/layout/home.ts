/**
 * Where a signed-in user lands (after sign-in, and for an unknown address): 党建总览, what a
 * county or township organisation department opens first.
 */
export const HOME_PATH = '/report/overview';
