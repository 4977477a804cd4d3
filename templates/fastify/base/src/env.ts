import { z } from 'zod';

/**
 * Small zod builders for environment variables. Each one reads a string (or
 * nothing) and states its rule in words, so a bad value stops the process with
 * `config error: <NAME> <rule>` instead of a stack trace.
 */

export function integer(fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  const rule = max === Number.MAX_SAFE_INTEGER ? `must be an integer ≥ ${min}` : `must be an integer ${min}–${max}`;
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: rule });
        return z.NEVER;
      }
      return value;
    });
}

export function boolean(fallback: boolean) {
  return z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((raw) => (raw === undefined ? fallback : raw === 'true'));
}

/** A boolean whose default depends on other settings (e.g. on in production). */
export function optionalBoolean() {
  return z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((raw) => (raw === undefined ? undefined : raw === 'true'));
}

/** Comma-separated list; blanks dropped. */
export function list() {
  return z
    .string()
    .optional()
    .transform((raw) =>
      (raw ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    );
}

/** A value the app cannot run without. */
export function required(rule?: { minBytes: number }) {
  const schema = z.string({ error: 'is required' });
  if (!rule) return schema;
  return schema.refine((value) => Buffer.byteLength(value, 'utf8') >= rule.minBytes, {
    message: `must be at least ${rule.minBytes} bytes`,
  });
}
