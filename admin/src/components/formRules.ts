/** Form rules shared by the console's forms, worded as the server words its refusals. */
import { lengthMessage } from '@djzy/shared';

/** At most `max` characters (a LIMITS entry): `活动名称不能超过 100 字`. */
export const maxChars = (label: string, max: number) => ({ max, message: lengthMessage(label, max) });
