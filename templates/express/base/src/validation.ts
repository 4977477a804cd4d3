import type { z } from 'zod';
import { HttpProblem, type FieldError } from './problem.js';

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    // Unknown fields (`role`, `isAdmin`) are reported one by one: mass assignment is refused, not ignored.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, message: 'is not allowed' }));
    }
    return [{ field: issue.path.map(String).join('.') || '(body)', message: issue.message }];
  });
}

/** Validates a request body against a strict schema; 422 with every failing field otherwise. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new HttpProblem(422, 'The request body is invalid.', { errors: fieldErrors(result.error) });
  }
  return result.data;
}
