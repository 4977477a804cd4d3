import { templateSuite } from './suite.js';

templateSuite('express');
