import express, { type RequestHandler } from 'express';
import { HttpProblem } from '../problem.js';

// JSON.parse keeps "__proto__" and "constructor" as plain keys; merged into an
// object later they can pollute prototypes (privilege flags appearing on every
// object). Such bodies are refused while parsing, before any code sees them.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function rejectPrototypeKeys(key: string, value: unknown): unknown {
  // body-parser turns a SyntaxError thrown here into its usual 400.
  if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`the key "${key}" is not allowed`);
  return value;
}

/** 415 for a body in any other Content-Type: only what the route parses is accepted. */
export function requireContentType(...types: string[]): RequestHandler {
  return (req, _res, next) => {
    // `req.is` is null when there is no body at all, false when the type differs.
    if (req.is(types) === false) {
      next(new HttpProblem(415, `Send the body as ${types.join(' or ')}.`));
      return;
    }
    next();
  };
}

/** Strict JSON (objects and arrays only), size capped (413), prototype keys refused (400). */
export function jsonParser(limitBytes: number): RequestHandler {
  return express.json({ limit: limitBytes, strict: true, type: 'application/json', reviver: rejectPrototypeKeys });
}

/** JSON body parsing for one route: content type checked (415), then `jsonParser`. */
export function jsonBody(limitBytes: number): RequestHandler[] {
  return [requireContentType('application/json'), jsonParser(limitBytes)];
}
