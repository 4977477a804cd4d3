import { z } from 'zod';

/** Parsers for environment values (always strings) used by config.ts. */

export const integer = (min: number, max: number, rule: string) =>
  z.coerce.number({ error: rule }).int({ error: rule }).min(min, { error: rule }).max(max, { error: rule });

export const boolean = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

/** Comma list → trimmed, non-empty entries. */
export const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);
