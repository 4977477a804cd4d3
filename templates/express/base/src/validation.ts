import type { z } from 'zod';
import { HttpProblem, type FieldError } from './problem.js';

/** A body with thousands of bad or unknown fields must not get an answer thousands of lines long. */
export const MAX_REPORTED_ERRORS = 20;

function fieldErrors(error: z.ZodError): FieldError[] {
  const errors = error.issues.flatMap((issue): FieldError[] => {
    // Unknown fields (`role`, `isAdmin`) are reported one by one: mass assignment is refused, not ignored.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, message: 'is not allowed' }));
    }
    return [{ field: issue.path.map(String).join('.') || '(body)', message: issue.message }];
  });
  return errors.slice(0, MAX_REPORTED_ERRORS);
}

/** Validates a request body against a strict schema; 422 with every failing field otherwise. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new HttpProblem(422, 'The request body is invalid.', { errors: fieldErrors(result.error) });
  }
  return result.data;
}
