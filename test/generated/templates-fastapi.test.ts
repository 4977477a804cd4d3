import { templateSuite } from './suite.js';

templateSuite('fastapi');
