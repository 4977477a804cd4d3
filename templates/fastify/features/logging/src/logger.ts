import { pino, type DestinationStream, type Logger } from 'pino';
{{#if has.logging}}import type { Config } from './config.js';
{{/if}}
/**
 * One JSON object per line on stdout{{#unless has.logging}}: errors and security events
 * (no per-request lines, no LOG_LEVEL: that is the logging feature){{/unless}}.
 */
export function createLogger({{#if has.logging}}config: Config, {{/if}}stream?: DestinationStream): Logger {
  // No stream given: pino writes to stdout.
  return pino(
    {
      level: {{#if has.logging}}config.logLevel{{else}}'info'{{/if}},
{{{slot "logger-options"}}}
    },
    stream,
  );
}
