/**
 * Structured JSON logs (pino). Tokens, phones and ID numbers never reach a log line: request
 * logs carry method, path (without query), status, duration and request id only, and known
 * sensitive keys are redacted wherever they appear.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        '*.authorization',
        '*.token',
        '*.password',
        '*.phone',
        '*.idCard',
        '*.sessionKey',
        '*.session_key',
        '*.secret',
        '*.code',
        'req.headers',
      ],
      censor: '[redacted]',
    },
  });
}
