import { Router } from 'express';
import { openapi } from '../openapi.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A script-free page listing the operations, so it works under `default-src 'none'`. */
function docsPage(): string {
  const rows = Object.entries(openapi.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(
      ([method, operation]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(operation.summary)}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(openapi.info.title)} API</title></head>
<body><h1>${escapeHtml(openapi.info.title)} API</h1><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${openapi.openapi}).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}

export function docsRouter(): Router {
  const router = Router();
  const page = docsPage();
  router.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
