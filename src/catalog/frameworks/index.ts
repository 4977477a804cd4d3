import type { Framework, FrameworkId } from '../types.js';
import { express } from './express.js';
import { fastapi } from './fastapi.js';
import { fastify } from './fastify.js';

export const frameworks: Readonly<Record<FrameworkId, Framework>> = { fastify, express, fastapi };
