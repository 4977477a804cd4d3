// Summaries of `node --cpu-prof` profiles: where the time goes, per package and
// per file, and (against a bare app's profile) what each costs per request.
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, fmtInt, pctOf, table, topOf } from './format.js';

const regionCache = new Map();
const readText = (f) => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
};

/**
 * rampart's dist/ is an esbuild bundle: each inlined module starts with a
 * `// node_modules/pkg/file.js` or `// src/file.ts` comment. Maps a line of a
 * bundle under one of `roots`' dist/ back to the package or source file it came from.
 */
function bundleRegion(path, line, roots) {
  if (!roots.some((root) => path.startsWith(join(root, 'dist') + '/'))) return null;
  let marks = regionCache.get(path);
  if (!marks) {
    marks = [];
    readText(path)
      .split('\n')
      .forEach((text, i) => {
        const m = /^\/\/ ((?:node_modules|src)\/\S+)$/.exec(text);
        if (m) marks.push([i + 1, m[1]]);
      });
    regionCache.set(path, marks);
  }
  let label = null;
  for (const [at, what] of marks) {
    if (at > line) break;
    label = what;
  }
  if (!label) return `${basename(path)} (bundle)`;
  if (label.startsWith('src/')) return `rampart ${label}`;
  const parts = label.slice('node_modules/'.length).split('/');
  return `rampart dist: ${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
}

/**
 * Summarises a .cpuprofile: time by where the code lives (the project's own
 * files, each npm package, Node internals), as *self* (the sampled frame),
 * *owned* (charged to the innermost frame that is not Node itself: a package's
 * own code plus the Node internals it calls) and *inclusive* (anywhere on the
 * stack, counted once per sample even under recursion), plus the functions with
 * the most self time. Idle samples and samples before `fromUs` (start-up) are left out.
 * `roots` name the directories paths outside the project are shown relative to
 * (the first whose dist/ is rampart's bundle).
 */
export function summariseCpuProfile(file, { projectDir = '', fromUs = 0, roots = [] } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const times = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas ?? []) times.push((t += d));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (frame) => {
    const url = frame.url ?? '';
    if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
    const nm = url.lastIndexOf('/node_modules/');
    if (nm >= 0) {
      const rest = url.slice(nm + 14).split('/');
      return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    }
    if (url.startsWith('node:')) return 'node internals';
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    const region = bundleRegion(path, frame.lineNumber + 1, roots);
    if (region) return region;
    if (projectDir && path.startsWith(projectDir)) return relative(projectDir, path);
    const root = roots.find((r) => path.startsWith(r + '/'));
    return root ? relative(root, path) : path;
  };
  const add = (map, k, v) => map.set(k, (map.get(k) ?? 0) + v);
  const self = new Map();
  const inclusive = new Map();
  const fnSelf = new Map();
  const owned = new Map();
  let busy = 0;
  for (const [i, id] of profile.samples.entries()) {
    if (fromUs && times[i] < fromUs) continue;
    const node = byId.get(id);
    if (!node) continue;
    const fn = node.callFrame.functionName;
    if (fn === '(idle)' || fn === '(program)') continue;
    const us = i > 0 ? times[i] - times[i - 1] : 0;
    busy += us;
    const w = where(node.callFrame);
    add(self, w, us);
    add(fnSelf, `${fn || '(anonymous)'} (${w}:${node.callFrame.lineNumber + 1})`, us);
    const seen = new Set();
    let owner = null;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (n.callFrame.functionName === '(root)') break;
      const k = where(n.callFrame);
      seen.add(k);
      if (!owner && !/^(node internals|\(native\)|\(anonymous\))$/.test(k)) owner = k;
    }
    add(owned, owner ?? w, us);
    for (const k of seen) add(inclusive, k, us);
  }
  const project = new Map([...inclusive].filter(([k]) => /^(dist|src|build)\//.test(k)));
  return { kind: 'node', busy, self, inclusive, owned, project, functions: fnSelf };
}

/**
 * CPU time per request charged to each package/file, generated app vs bare app:
 * the difference is what the generated app's controls cost, and where.
 * `cpuUs` ({ generated, bare }: the servers' CPU µs per request measured in the
 * benchmark rounds) sets the totals; the profiles give only the split, since
 * other load on the machine distorts one profiled run more than the medians.
 */
export function renderPerRequest(gen, genRequests, bare, bareRequests, metric, note, cpuUs = {}) {
  const keys = new Set([...gen[metric].keys(), ...(bare ? bare[metric].keys() : [])]);
  const scale = (p, n, us) => (p && us ? us / (p.busy / n) : 1);
  const sG = scale(gen, genRequests, cpuUs.generated);
  const sB = scale(bare, bareRequests, cpuUs.bare);
  const per = (p, n, k) => (p ? ((p[metric].get(k) ?? 0) / n) * (p === gen ? sG : sB) : 0);
  const rows = [...keys]
    .map((k) => ({ k, g: per(gen, genRequests, k), b: per(bare, bareRequests, k) }))
    .sort((x, y) => y.g - y.b - (x.g - x.b))
    .slice(0, 14);
  const totalG = (gen.busy / genRequests) * sG;
  const totalB = bare ? (bare.busy / bareRequests) * sB : NaN;
  const lines = [note, ''];
  lines.push(
    table(
      ['where', 'generated µs/req', 'bare µs/req', 'extra µs/req', 'share of the extra'],
      [
        ['**all CPU**', fmt(totalG, 1), fmt(totalB, 1), fmt(totalG - totalB, 1), '100 %'],
        ...rows.map((r) => [r.k, fmt(r.g, 1), bare ? fmt(r.b, 1) : 'n/a', fmt(r.g - r.b, 1), pctOf(r.g - r.b, totalG - totalB)]),
      ],
    ),
  );
  return lines.join('\n');
}

/** The Markdown for one profile; with `requests` (and a bare app's profile), per request against the bare app. */
export function renderCpuSummary(s, { requests, bare, bareRequests, cpuUs, seconds } = {}) {
  const lines = [];
  if (requests) {
    lines.push(
      renderPerRequest(
        s,
        requests,
        bare,
        bareRequests,
        'owned',
        `Time per request (\`node --cpu-prof\` of one ${seconds}-s run each: ${fmtInt(requests)} requests to the generated app, ${fmtInt(bareRequests)} to the bare one; totals = the median server CPU µs/req above), charged to the innermost package or file outside Node itself (*owned*: its own code plus the Node internals it calls), sorted by what the generated app spends more:`,
        cpuUs,
      ),
      '',
    );
  }
  lines.push(`*Inclusive* (on the stack) and *owned* shares of the ${requests ? "generated app's " : ''}busy time:`, '');
  lines.push(table(['where', 'inclusive', 'owned', 'self'], topOf(s.inclusive, 12).map(([k, v]) => [k, pctOf(v, s.busy), pctOf(s.owned.get(k) ?? 0, s.busy), pctOf(s.self.get(k) ?? 0, s.busy)])));
  if (s.project.size) {
    lines.push('', "The project's own files (one per control; in a middleware chain an early middleware's inclusive time contains everything after it):", '');
    lines.push(table(['file', 'inclusive', 'owned'], topOf(s.project, 12).map(([k, v]) => [k, pctOf(v, s.busy), pctOf(s.owned.get(k) ?? 0, s.busy)])));
  }
  lines.push('', 'Functions with the most self time:', '');
  lines.push(table(['function (where:line)', 'self'], topOf(s.functions, 12).map(([k, v]) => [`\`${k}\``, pctOf(v, s.busy)])));
  return lines.join('\n');
}
