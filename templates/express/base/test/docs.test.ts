import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, productionEnv } from './helpers.js';

describe('API docs', () => {
  it('serve OpenAPI 3 at /openapi.json and a page at /docs in development', async () => {
    const { app } = buildTestApp({ NODE_ENV: 'development' });
    const spec = await request(app).get('/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toContain('/items');
    const page = await request(app).get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/items');
  });

  it('are off in production unless DOCS_ENABLED=true', async () => {
    const production = buildTestApp(productionEnv);
    expect((await request(production.app).get('/openapi.json')).status).toBe(404);
    expect((await request(production.app).get('/docs')).status).toBe(404);
    const enabled = buildTestApp({ ...productionEnv, DOCS_ENABLED: 'true' });
    expect((await request(enabled.app).get('/openapi.json')).status).toBe(200);
  });
});
