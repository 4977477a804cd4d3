/**
 * JSON Schemas for the items API. `additionalProperties: false` makes unknown
 * fields (`role`, `isAdmin`, `__proto__`, …) a 422 instead of something a
 * handler might bind (mass assignment, API3:2023). Response schemas double as
 * an allow-list of what leaves the server.
 */
export const itemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'tags', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const newItemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    tags: { type: 'array', maxItems: 10, items: { type: 'string', minLength: 1, maxLength: 50 } },
  },
} as const;

export const itemParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;
