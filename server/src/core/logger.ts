/**
 * Structured JSON logs (pino). Tokens, phones and ID numbers never reach a log line: request
 * logs carry method, path (without query), status, duration and request id only, and known
 * sensitive keys are redacted wherever they appear.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** A JSON logger at `level`; tests pass a `destination` to read what would be logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
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
    },
    destination as DestinationStream,
  );
}
