import { z } from 'zod';

/**
 * What a client may send. `strictObject` refuses unknown keys (`role`,
 * `isAdmin`, `owner`) instead of silently dropping them: mass assignment fails loudly.
 */
export const ItemInput = z.strictObject({
  name: z.string().min(1).max(100),
  // The count first: 40 000 tags are refused without checking each one.
  tags: z.array(z.unknown()).max(10).pipe(z.array(z.string().min(1).max(50))).optional(),
});

export type ItemInput = z.infer<typeof ItemInput>;
