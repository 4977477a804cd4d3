// Summaries of cProfile runs of the FastAPI apps (written as JSON rows by bench/bare/pyprofile.py).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { renderPerRequest } from './cpu-profile.js';
import { fmt, fmtInt, pctOf, table } from './format.js';

/**
 * Own time by package or project file. Waiting is not busy time: the event
 * loop waits in select/poll/epoll, and the worker threads of FastAPI's pool
 * (profiled too, see bare/pyprofile.py) wait for work on a thread lock.
 */
export function summarisePyProfile(file, projectDir) {
  const { rows } = JSON.parse(readFileSync(file, 'utf8'));
  const where = (f) => {
    if (f === '~') return '(builtins)';
    const sp = f.search(/(site|dist)-packages\//);
    if (sp >= 0) return f.slice(sp).split('/')[1];
    if (f.startsWith(projectDir)) return relative(projectDir, f);
    if (f.startsWith('/usr/lib/python3')) return `stdlib/${f.split('/').slice(4).join('/')}`;
    return f;
  };
  const isWait = (r) => r.file === '~' && (/select|poll|epoll/.test(r.func) || /^<method 'acquire' of '_thread\.(lock|RLock)' objects>$/.test(r.func));
  const busyRows = rows.filter((r) => !isWait(r));
  const owned = new Map();
  for (const r of busyRows) owned.set(where(r.file), (owned.get(where(r.file)) ?? 0) + r.tottime * 1e6);
  const busy = busyRows.reduce((a, r) => a + r.tottime * 1e6, 0);
  return { kind: 'python', rows, busyRows, owned, busy, where, projectDir };
}

export function renderPySummary(s, { requests, bare, bareRequests, cpuUs, seconds } = {}) {
  const lines = [];
  if (requests)
    lines.push(
      renderPerRequest(
        s,
        requests,
        bare,
        bareRequests,
        'owned',
        `Time per request (cProfile own time of all threads, waiting in epoll and on thread locks excluded, of one ${seconds}-s run each: ${fmtInt(requests)} requests to the generated app, ${fmtInt(bareRequests)} to the bare one; totals = the median server CPU µs/req above) by package or file, sorted by what the generated app spends more (cProfile inflates many small Python calls, so read it as a ranking):`,
        cpuUs,
      ),
      '',
    );
  lines.push('Functions of the generated app with the most own time:', '');
  lines.push(
    table(
      ['function', 'calls', 'own µs/req', 'own time'],
      [...s.busyRows]
        .sort((a, b) => b.tottime - a.tottime)
        .slice(0, 14)
        .map((r) => [`\`${r.func} (${s.where(r.file)}:${r.line})\``, fmtInt(r.calls), requests ? fmt((r.tottime * 1e6) / requests, 1) : '', pctOf(r.tottime * 1e6, s.busy)]),
    ),
  );
  // The ASGI middleware stack: each layer's cumulative time contains the layers inside it,
  // so the difference to the next layer is roughly what that layer itself costs.
  const layers = s.rows.filter((r) => r.file.startsWith(s.projectDir) && r.func === '__call__').sort((a, b) => b.cumtime - a.cumtime);
  if (layers.length) {
    const outer = layers[0].cumtime;
    lines.push(
      '',
      "ASGI middleware layers of the generated app, outermost first. cProfile's cumulative time of a layer contains the layers inside it (and counts awaits oddly), so the *layer* column — cumulative minus the next layer inside — is only a rough share of the whole stack:",
      '',
    );
    lines.push(
      table(
        ['layer', 'cumulative', 'layer'],
        layers.map((r, i) => [
          `\`${s.where(r.file)}:${r.line}\`${i === layers.length - 1 ? ' (+ routing, dependencies, handler)' : ''}`,
          pctOf(r.cumtime, outer),
          pctOf(r.cumtime - (layers[i + 1]?.cumtime ?? 0), outer),
        ]),
      ),
    );
  }
  return lines.join('\n');
}
