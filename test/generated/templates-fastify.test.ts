import { templateSuite } from './suite.js';

templateSuite('fastify');
