#!/usr/bin/env node
// rampart benchmarks: how fast the CLI is, and what the security controls cost the
// generated APIs. Plain ESM, no build step. Loopback only.
//
//   node bench/run.js [--quick] [--only cli,api,memory,growth] [--frameworks fastify,express,fastapi]
//                     [--out bench/RESULTS.md] [--no-write] [--no-profile]
//
// Every figure is a ratio against a baseline measured side by side in the same run
// (A B A B …, median of ≥ 5 rounds): the machines this runs on are noisy.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCpuSummary, summariseCpuProfile } from './lib/cpu-profile.js';
import { fmt, fmtInt, fmtMB, table, tail } from './lib/format.js';
import { renderPySummary, summarisePyProfile } from './lib/py-profile.js';
import { alternate, median, pairedRatio, throughputRatio, verdict } from './lib/stats.js';
import { parseWrkOutput } from './lib/wrk.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const cacheRoot = join(repo, '.cache', 'bench');
const python = '/usr/bin/python3';
const started = Date.now();

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const opts = { quick: false, only: null, frameworks: ['fastify', 'express', 'fastapi'], out: join(here, 'RESULTS.md'), write: true, profile: true, reference: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') opts.quick = true;
    else if (a.startsWith('--only')) opts.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a.startsWith('--frameworks')) opts.frameworks = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a.startsWith('--out')) opts.out = resolve(value());
    else if (a === '--no-write') opts.write = false;
    else if (a === '--no-profile') opts.profile = false;
    else if (a === '--no-reference') opts.reference = false;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/run.js [--quick] [--only cli,api,memory,growth] [--frameworks fastify,express,fastapi] [--out FILE] [--no-write] [--no-profile] [--no-reference]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  const sections = ['cli', 'api', 'memory', 'growth'];
  for (const s of opts.only ?? []) if (!sections.includes(s)) throw new Error(`--only: unknown section ${s} (${sections.join('|')})`);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const want = (section) => !opts.only || opts.only.includes(section);
const P = opts.quick
  ? { helpRounds: 10, scaffoldRounds: 5, apiRounds: 5, apiSeconds: 1, warmSeconds: 1, growthRounds: 5, growthSeconds: 1, fillSeconds: 30, profileSeconds: 2, connections: 50, referenceRounds: 3 }
  : { helpRounds: 20, scaffoldRounds: 10, apiRounds: 7, apiSeconds: 2, warmSeconds: 1, growthRounds: 5, growthSeconds: 2, fillSeconds: 60, profileSeconds: 5, connections: 50, referenceRounds: 5 };

// ---------------------------------------------------------------- small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s]`, ...a);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const readText = (f) => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
};

const freePort = () =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

/** Wall time of one process run, in ms; throws on a non-zero exit. */
function timeRun(file, args, options = {}) {
  return new Promise((resolveRun, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let err = '';
    child.stderr?.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code === 0) resolveRun(ms);
      else reject(new Error(`${basename(file)} ${args.join(' ')} exited ${code}\n${tail(err)}`));
    });
  });
}

// ---------------------------------------------------------------- machine

function machine() {
  const cpu = cpus();
  let cpuModel = cpu[0]?.model ?? 'unknown';
  const lscpu = spawnSync('lscpu', [], { encoding: 'utf8' });
  const m = /Model name:\s*(.+)/.exec(lscpu.stdout ?? '');
  if (m) cpuModel = m[1].trim();
  // uvicorn runs on httptools and uvloop where they are installed (as uvicorn[standard] does in production), else on h11 and asyncio.
  const py = spawnSync(
    python,
    ['-c', 'import importlib.util as u, sys, fastapi, uvicorn; print(sys.version.split()[0], fastapi.__version__, uvicorn.__version__, "httptools" if u.find_spec("httptools") else "h11", "uvloop" if u.find_spec("uvloop") else "asyncio")'],
    { encoding: 'utf8' },
  );
  const [pyv, fav, uvv, uvHttp, uvLoop] = (py.stdout ?? '').trim().split(' ');
  let gitRev = '';
  try {
    gitRev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  } catch {}
  return {
    cpuModel,
    cores: cpu.length,
    node: process.version,
    python: pyv ? `Python ${pyv}, FastAPI ${fav}, uvicorn ${uvv} (${uvHttp}, ${uvLoop})` : 'python3 unavailable',
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `node bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    gitRev,
    loadStart: readText('/proc/loadavg').split(' ').slice(0, 3).join(' '),
  };
}

// ---------------------------------------------------------------- CPU profiles
// ---------------------------------------------------------------- load generation

const loadTool = has('wrk') ? 'wrk' : 'autocannon';
const wrkScript = join(tmpdir(), `rampart-bench-keys-${process.pid}.lua`);
if (loadTool === 'wrk') {
  // One Lua state per wrk thread (we use one): each request gets a client address
  // from a counter modulo KEYS, sent as X-Forwarded-For. The counter starts at
  // FIRST_KEY, so consecutive runs against one server go on through new addresses.
  writeFileSync(
    wrkScript,
    `local n = tonumber(os.getenv("FIRST_KEY") or "0")
local keys = tonumber(os.getenv("KEYS") or "1")
request = function()
  n = n + 1
  local i = n % keys
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["X-Forwarded-For"] = "10." .. (math.floor(i / 65536) % 256) .. "." .. (math.floor(i / 256) % 256) .. "." .. (i % 256)
  return wrk.format(nil, nil, headers)
end
`,
  );
}

/**
 * Drives `url` for `seconds` from core 1 (the server is pinned to core 0).
 * Returns { rps, requests, non2xx, errors }.
 */
async function load(url, { seconds, headers = {}, keys = 0, firstKey = 0, connections = P.connections }) {
  if (loadTool === 'wrk') {
    const args = ['-c', '1', 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s'];
    for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
    if (keys) args.push('-s', wrkScript);
    args.push(url);
    const r = spawnSync('taskset', args, { encoding: 'utf8', env: { ...process.env, KEYS: String(keys || 1), FIRST_KEY: String(firstKey) }, timeout: (seconds + 30) * 1000 });
    const out = `${r.stdout}\n${r.stderr}`;
    const parsed = parseWrkOutput(out);
    if (!parsed) throw new Error(`wrk failed: ${tail(out)}`);
    return parsed;
  }
  const config = JSON.stringify({ url, seconds, headers, keys, firstKey, connections });
  const r = spawnSync('taskset', ['-c', '1', process.execPath, join(here, 'load-autocannon.js'), config], { encoding: 'utf8', timeout: (seconds + 30) * 1000 });
  if (r.status !== 0) throw new Error(`autocannon failed: ${tail(r.stderr)}`);
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------- processes

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
/** utime + stime of every thread of a process, in seconds. */
function cpuSeconds(pid) {
  const stat = readText(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** Resets VmHWM (peak RSS) so the next reading is the peak since now (Linux ≥ 4.0). */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function procStatus(pid) {
  const text = readText(`/proc/${pid}/status`);
  const kb = (name) => Number(new RegExp(`${name}:\\s*(\\d+) kB`).exec(text)?.[1]);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Starts a server pinned to core 0, logging to a file; resolves once GET /health is 200. */
async function startServer({ name, cmd, args, cwd, env, port, logFile }) {
  const fd = openSync(logFile, 'w');
  const child = spawn('taskset', ['-c', '0', cmd, ...args], { cwd, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 25_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited (${exited.code ?? exited.signal}) before answering /health:\n${tail(readText(logFile))}`);
    try {
      const res = await fetch(`${base}/health`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer /health within 25 s:\n${tail(readText(logFile))}`);
    }
    await sleep(100);
  }
  const server = {
    name,
    base,
    pid: child.pid,
    logFile,
    async stop() {
      if (exited) return exited;
      const done = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 12_000);
      const result = await done;
      clearTimeout(t);
      return result;
    },
  };
  running.add(server);
  return server;
}

const running = new Set();
async function stopAll() {
  await Promise.all([...running].map((s) => s.stop().catch(() => {})));
  running.clear();
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopAll().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- projects

const workRoot = mkdtempSync(join(tmpdir(), 'rampart-bench-'));
const PROJECT = 'bench-api';
// The CLI runs from a private snapshot of bin/, dist/ and templates/: other people
// rebuild dist/ (tsup cleans it) and edit templates while this runs.
const snapshot = join(workRoot, 'rampart');
let rampartBin = join(repo, 'bin', 'create-rampart.js');
function takeSnapshot() {
  for (let attempt = 1; ; attempt++) {
    rmSync(snapshot, { recursive: true, force: true });
    mkdirSync(snapshot, { recursive: true });
    for (const p of ['bin', 'dist', 'templates', 'package.json']) cpSync(join(repo, p), join(snapshot, p), { recursive: true });
    const bin = join(snapshot, 'bin', 'create-rampart.js');
    const parent = mkdtempSync(join(workRoot, 'check-'));
    const r = spawnSync(process.execPath, [bin, 'x', '--framework', 'fastify', '--features', 'all', '--yes', '--no-install', '--no-git'], { cwd: parent, encoding: 'utf8' });
    rmSync(parent, { recursive: true, force: true });
    if (r.status === 0) {
      rampartBin = bin;
      return;
    }
    if (attempt >= 5) throw new Error(`the built CLI does not scaffold: ${tail(r.stderr || r.stdout, 4)}`);
    spawnSync('sleep', ['3']);
  }
}
const viteBin = join(repo, 'node_modules', 'create-vite', 'index.js');

function templateReason(framework) {
  const dir = join(snapshot, 'templates', framework);
  if (!existsSync(join(dir, 'base'))) return `templates/${framework}/base does not exist yet`;
  return null;
}

function generate(framework, features, dirName) {
  const parent = mkdtempSync(join(workRoot, `${framework}-`));
  const r = spawnSync(process.execPath, [rampartBin, dirName, '--framework', framework, '--features', features, '--yes', '--no-install', '--no-git'], {
    cwd: parent,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`create-rampart --framework ${framework} --features ${features} failed (${r.status}): ${tail(r.stderr || r.stdout, 5)}`);
  return join(parent, dirName);
}

/** Installs the generated project's own package.json once into .cache/bench and links it. */
function linkNodeModules(project) {
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  const key = createHash('sha256').update(JSON.stringify({ d: pkg.dependencies, dd: pkg.devDependencies, o: pkg.overrides })).digest('hex').slice(0, 12);
  const dir = join(cacheRoot, `deps-${key}`);
  if (!existsSync(join(dir, '.ready'))) {
    log(`installing ${pkg.name}'s dependencies into ${relative(repo, dir)} (once)`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, name: 'rampart-bench-deps', scripts: {} }, null, 2));
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) throw new Error(`npm install failed: ${tail(r.stderr || r.stdout)}`);
    writeFileSync(join(dir, '.ready'), new Date().toISOString());
  }
  rmSync(join(project, 'node_modules'), { recursive: true, force: true });
  symlinkSync(join(dir, 'node_modules'), join(project, 'node_modules'), 'dir');
}

function buildNode(project) {
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  const tsc = join(project, 'node_modules', '.bin', 'tsc');
  const args = existsSync(join(project, 'tsconfig.build.json')) ? ['-p', 'tsconfig.build.json'] : [];
  const r = pkg.scripts?.build
    ? spawnSync('npm', ['run', '--silent', 'build'], { cwd: project, encoding: 'utf8', timeout: 180_000 })
    : spawnSync(tsc, args, { cwd: project, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`build failed: ${tail(r.stdout + r.stderr, 12)}`);
  const entry = pkg.scripts?.start?.match(/node\s+(\S+)/)?.[1] ?? 'dist/server.js';
  if (!existsSync(join(project, entry))) throw new Error(`build produced no ${entry}`);
  return entry;
}

function envExampleNames(project) {
  return readText(join(project, '.env.example'))
    .split('\n')
    .map((l) => /^\s*#?\s*([A-Z][A-Z0-9_]*)=/.exec(l)?.[1])
    .filter(Boolean);
}

/** Valid test values for every variable an all-features project may read. */
function secrets() {
  const apiKey = randomBytes(24).toString('base64url');
  return {
    jwtSecret: randomBytes(32).toString('hex'),
    apiKey,
    apiKeys: `bench:${createHash('sha256').update(apiKey).digest('hex')}:reader`,
    metricsToken: randomBytes(24).toString('hex'),
  };
}

function appEnv(framework, port, s, extra = {}) {
  const usersFile = join(workRoot, 'users.json');
  if (!existsSync(usersFile)) writeFileSync(usersFile, '[]\n');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? tmpdir(),
    HOST: '127.0.0.1',
    PORT: String(port),
    [framework === 'fastapi' ? 'APP_ENV' : 'NODE_ENV']: 'production',
    FORCE_HTTPS: 'false',
    LOG_LEVEL: 'info',
    RATE_LIMIT_STORE: 'memory',
    RATE_LIMIT_MAX: '1000000000',
    RATE_LIMIT_WINDOW_SECONDS: '60',
    AUTH_RATE_LIMIT_MAX: '5',
    JWT_SECRET: s.jwtSecret,
    JWT_ISSUER: PROJECT,
    JWT_AUDIENCE: PROJECT,
    USERS_FILE: usersFile,
    API_KEYS: s.apiKeys,
    METRICS_TOKEN: s.metricsToken,
    CORS_ORIGINS: 'https://app.example.com',
    PYTHONDONTWRITEBYTECODE: '1',
    ...extra,
  };
  return env;
}

function signJwt(secret) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({ sub: 'bench', roles: ['admin'], iss: PROJECT, aud: PROJECT, iat: now, exp: now + 4 * 3600 });
  const sig = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/**
 * Generates and prepares the all-features project of a framework and the bare
 * baseline next to it; returns how to start each.
 */
const preparedCache = new Map();
function prepareFramework(framework) {
  if (!preparedCache.has(framework)) {
    try {
      preparedCache.set(framework, { ok: prepareFrameworkOnce(framework) });
    } catch (error) {
      preparedCache.set(framework, { error });
    }
  }
  const p = preparedCache.get(framework);
  if (p.error) throw p.error;
  return p.ok;
}

function prepareFrameworkOnce(framework) {
  const reason = templateReason(framework);
  if (reason) throw new Error(reason);
  const project = generate(framework, 'all', PROJECT);
  if (framework === 'fastapi') {
    const check = spawnSync(python, ['-c', 'import app.main'], { cwd: project, encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`generated app does not import: ${tail(check.stderr, 4)}`);
    cpSync(join(here, 'bare', 'fastapi_app.py'), join(project, 'bench_bare.py'));
    return {
      project,
      generated: { cmd: python, args: ['-m', 'app'] },
      bare: { cmd: python, args: ['bench_bare.py'] },
      profiled: (kind, out) => ({ cmd: python, args: [join(here, 'bare', 'pyprofile.py'), out, ...(kind === 'bare' ? ['bench_bare.py'] : [])] }),
    };
  }
  linkNodeModules(project);
  const entry = buildNode(project);
  cpSync(join(here, 'bare', `${framework}.mjs`), join(project, 'bench-bare.mjs'));
  return {
    project,
    generated: { cmd: process.execPath, args: [entry] },
    bare: { cmd: process.execPath, args: ['bench-bare.mjs'] },
    profiled: (kind, dir) => ({ cmd: process.execPath, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, kind === 'bare' ? 'bench-bare.mjs' : entry] }),
  };
}

// ---------------------------------------------------------------- results

const results = { machine: machine(), sections: [], skipped: [], goals: [] };
const goal = (section, what, ratio, op, target) => {
  const g = { section, what, ratio, op, target, verdict: verdict(ratio, op, target) };
  results.goals.push(g);
  return g;
};

// ---------------------------------------------------------------- 1. CLI

async function benchCli() {
  const out = { title: '1. CLI', body: [] };
  const env = { ...process.env, NO_COLOR: '1', CI: '1' };
  log(`CLI: --help vs node -e 0 (${P.helpRounds} rounds)`);
  const [help, bare] = await alternate(
    [
      { run: () => timeRun(process.execPath, [rampartBin, '--help'], { env }) },
      { run: () => timeRun(process.execPath, ['-e', '0'], { env }) },
    ],
    P.helpRounds,
    { warmup: 2 },
  );
  const helpRatio = pairedRatio(help, bare);
  const g1 = goal('cli', '`create-rampart --help` vs `node -e 0`', helpRatio, '<=', 1.3);

  let scaffold = null;
  let g2 = null;
  if (!existsSync(viteBin)) {
    results.skipped.push('CLI scaffold: create-vite is not installed (npm install)');
  } else {
    log(`CLI: fastify all-features scaffold vs create-vite vanilla-ts (${P.scaffoldRounds} rounds)`);
    const parent = mkdtempSync(join(workRoot, 'scaffold-'));
    const [rampart, vite] = await alternate(
      [
        { run: (r) => timeRun(process.execPath, [rampartBin, `r${r + 5}`, '--framework', 'fastify', '--features', 'all', '--yes', '--no-install', '--no-git'], { cwd: parent, env }) },
        { run: (r) => timeRun(process.execPath, [viteBin, `v${r + 5}`, '--template', 'vanilla-ts', '--no-interactive', '--no-immediate', '--overwrite'], { cwd: parent, env }) },
      ],
      P.scaffoldRounds,
    );
    const files = (d) => {
      let n = 0;
      const walk = (p) => {
        for (const e of readdirSync(p, { withFileTypes: true })) e.isDirectory() ? walk(join(p, e.name)) : n++;
      };
      walk(d);
      return n;
    };
    scaffold = { rampart, vite, rFiles: files(join(parent, 'r5')), vFiles: files(join(parent, 'v5')) };
    g2 = goal('cli', 'fastify all-features scaffold vs `create-vite --template vanilla-ts`', pairedRatio(rampart, vite), '<=', 1.5);
    rmSync(parent, { recursive: true, force: true });
  }

  const rows = [['`create-rampart --help`', `${fmt(help.median, 1)} ms`, '`node -e 0`', `${fmt(bare.median, 1)} ms`, `${fmt(helpRatio)}×`, '≤ 1.3×', g1.verdict]];
  if (scaffold)
    rows.push([
      `scaffold fastify, all features, no install (${scaffold.rFiles} files)`,
      `${fmt(scaffold.rampart.median, 1)} ms`,
      `create-vite vanilla-ts (${scaffold.vFiles} files)`,
      `${fmt(scaffold.vite.median, 1)} ms`,
      `${fmt(g2.ratio)}×`,
      '≤ 1.5×',
      g2.verdict,
    ]);
  out.body.push(`Wall time of the whole process, median of ${P.helpRounds} (help) / ${P.scaffoldRounds} (scaffold) alternating rounds.`, '');
  out.body.push(table(['measured', 'median', 'baseline', 'median', 'ratio', 'goal', ''], rows));

  if (opts.profile && [g1, g2].some((g) => g?.verdict === 'MISS')) {
    const missed = [g1, g2].filter((g) => g?.verdict === 'MISS');
    for (const g of missed) {
      const isHelp = g === g1;
      log(`CLI: profiling ${isHelp ? '--help' : 'scaffold'}`);
      const dir = mkdtempSync(join(workRoot, 'cliprof-'));
      const args = isHelp ? [rampartBin, '--help'] : [rampartBin, 'p', '--framework', 'fastify', '--features', 'all', '--yes', '--no-install', '--no-git'];
      spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', `--cpu-prof-dir=${dir}`, ...args], { cwd: dir, env, stdio: 'ignore' });
      const prof = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (!prof) continue;
      const s = summariseCpuProfile(join(dir, prof), { projectDir: snapshot + '/', roots: [snapshot, repo] });
      s.project = new Map();
      out.body.push('', `**Where the time goes (${isHelp ? '`--help`' : 'scaffold'}, \`node --cpu-prof\`, 100 µs sampling, one run):**`, '', renderCpuSummary(s));
    }
  }
  results.sections.push(out);
}

// ---------------------------------------------------------------- 2 + 3. APIs and memory

const API_GOALS = {
  fastify: { health: 0.6, protected: 0.85 },
  express: { health: 0.7, protected: 0.85 },
  fastapi: { health: 0.7, protected: 0.85 },
};

/**
 * What a goal allows: the bare app again, plus one thing at a time (BENCH_EXTRA,
 * see bare/): one info log line per request through the framework's usual
 * logger, or N µs of busy work per request (N = 10 %, 25 %, 50 % of the bare
 * app's own CPU per request). Each runs alternately with the plain bare app on
 * GET /health. A req/s ratio is not linear in the work added: a slower server
 * also spends more kernel time per response (on loopback the load generator
 * must be woken for more of the replies), so the burn rows show how much real
 * work a ratio leaves room for.
 */
async function referencePoints(framework, prepared, s, healthRoute) {
  const bareUs = healthRoute.cpuUs?.bare ?? 20;
  // A plain bare app started now, like each variant: the one from the main rounds
  // has served minutes of /me load by now and measured slower than a fresh one.
  const barePort = await freePort();
  const bare = await startServer({ name: `${framework} bare (reference)`, ...prepared.bare, cwd: prepared.project, env: appEnv(framework, barePort, s), port: barePort, logFile: join(workRoot, `${framework}-bare-reference.log`) });
  try {
    await load(bare.base + '/health', { seconds: P.warmSeconds });
    return await referenceRows(framework, prepared, s, bare, bareUs);
  } finally {
    await bare.stop();
    running.delete(bare);
  }
}

async function referenceRows(framework, prepared, s, bare, bareUs) {
  const variants = [
    { label: 'bare + one info log line per request', extra: 'log' },
    ...[0.1, 0.25, 0.5].map((f) => {
      const us = Math.max(1, Math.round(bareUs * f));
      return { label: `bare + ${us} µs of busy work per request`, extra: `burn:${us}`, burnUs: us };
    }),
  ];
  const rows = [];
  for (const v of variants) {
    const port = await freePort();
    const srv = await startServer({ name: `${framework} bare ${v.extra}`, ...prepared.bare, cwd: prepared.project, env: appEnv(framework, port, s, { BENCH_EXTRA: v.extra }), port, logFile: join(workRoot, `${framework}-bare-${v.extra.replace(':', '-')}.log`) });
    try {
      log(`API ${framework}: reference point "${v.label}" vs bare`);
      await load(srv.base + '/health', { seconds: P.warmSeconds });
      const cpu = new Map([[srv, []], [bare, []]]);
      const run = (server) => async () => {
        const c0 = cpuSeconds(server.pid);
        const x = await load(server.base + '/health', { seconds: P.apiSeconds });
        cpu.get(server).push(((cpuSeconds(server.pid) - c0) * 1e6) / x.requests);
        return x.rps;
      };
      const [plus, plain] = await alternate([{ run: run(srv) }, { run: run(bare) }], P.referenceRounds, { warmup: 0 });
      const withUs = median(cpu.get(srv));
      const withoutUs = median(cpu.get(bare));
      rows.push({ framework, label: v.label, ratio: pairedRatio(plus, plain), withUs, withoutUs, burnUs: v.burnUs, logged: v.extra === 'log' ? readText(srv.logFile).length > 0 : undefined });
    } finally {
      await srv.stop();
      running.delete(srv);
    }
  }
  return rows;
}

function renderReferencePoints(rows) {
  const lines = [
    '### What the goals allow',
    '',
    `The bare app plus one thing, alternating with the plain bare app on GET /health (${P.referenceRounds} rounds; bench/bare/ with BENCH_EXTRA). *Extra CPU* is the server CPU per request above the plain bare app's; for the busy-work rows, *amplification* is that extra divided by the work added: above 1×, a slower server also pays more kernel time per response.`,
    '',
  ];
  lines.push(
    table(
      ['framework', 'bare app plus', 'req/s ratio vs bare', 'server CPU µs/req', 'extra CPU µs/req', 'amplification', 'goal /health'],
      rows.map((r) => [
        r.framework,
        r.label + (r.logged === false ? ' (wrote no line!)' : ''),
        `${fmt(r.ratio)}×`,
        `${fmt(r.withUs, 0)} / ${fmt(r.withoutUs, 0)}`,
        fmt(r.withUs - r.withoutUs, 1),
        r.burnUs ? `${fmt((r.withUs - r.withoutUs) / r.burnUs, 1)}×` : '',
        `≥ ${API_GOALS[r.framework]?.health}×`,
      ]),
    ),
  );
  return lines;
}

async function benchApis({ throughput }) {
  const api = { title: '2. Generated APIs vs bare apps', body: [] };
  const mem = { title: '3. Memory', body: [] };
  const rows = [];
  const memRows = [];
  const referenceRows = [];
  let peakReset = false;
  const profiles = [];
  const rounds = throughput ? P.apiRounds : 1;
  for (const framework of opts.frameworks) {
    let prepared;
    const servers = [];
    try {
      log(`API ${framework}: generating the all-features project`);
      prepared = prepareFramework(framework);
      const s = secrets();
      const token = signJwt(s.jwtSecret);
      const portG = await freePort();
      const portB = await freePort();
      const gen = await startServer({ name: `${framework} generated`, ...prepared.generated, cwd: prepared.project, env: appEnv(framework, portG, s), port: portG, logFile: join(workRoot, `${framework}-generated.log`) });
      servers.push(gen);
      const bare = await startServer({ name: `${framework} bare`, ...prepared.bare, cwd: prepared.project, env: appEnv(framework, portB, s), port: portB, logFile: join(workRoot, `${framework}-bare.log`) });
      servers.push(bare);
      await sleep(500);
      const idle = { gen: procStatus(gen.pid), bare: procStatus(bare.pid) };
      // Start-up may peak far above the steady state (argon2 hashes a dummy password
      // at start, with its memory cost): measure the peak under load from here.
      peakReset = resetPeak(gen.pid) && resetPeak(bare.pid);

      // Pick the protected route: /me, else /items; it must answer 200 to the token.
      const auth = { Authorization: `Bearer ${token}` };
      let route = null;
      let why = '';
      for (const path of ['/me', '/items']) {
        const a = await fetch(gen.base + path, { headers: auth });
        const text = await a.text();
        if (a.status === 200) {
          route = path;
          break;
        }
        why += `${path}: ${a.status} ${text.slice(0, 160)}; `;
      }
      if (!route) throw new Error(`the generated app refuses the benchmark token (${why.trim()})`);
      const bcheck = await fetch(`${bare.base}/me`, { headers: auth });
      if (bcheck.status !== 200) throw new Error(`the bare app refuses the benchmark token (${bcheck.status})`);
      const noAuth = await fetch(gen.base + route);
      await noAuth.arrayBuffer();
      if (noAuth.status !== 401) log(`warning: ${framework} ${route} without a token answered ${noAuth.status}`);

      const routes = [
        { id: 'health', label: 'GET /health', gPath: '/health', bPath: '/health', headers: {} },
        { id: 'protected', label: `GET ${route} (JWT)`, gPath: route, bPath: '/me', headers: auth },
      ];
      for (const r of routes) {
        log(`API ${framework}: ${r.label} generated vs bare (${rounds} × ${throughput ? P.apiSeconds : P.warmSeconds} s each)`);
        await load(gen.base + r.gPath, { seconds: P.warmSeconds, headers: r.headers });
        await load(bare.base + r.bPath, { seconds: P.warmSeconds, headers: r.headers });
        if (!throughput) continue;
        const problems = [];
        // Besides req/s, the server's own CPU time per request (utime+stime of all its
        // threads): when the load generator or other work on the machine is the
        // bottleneck, req/s ratios drift towards 1, CPU per request does not.
        const cpu = { [gen.name]: [], [bare.name]: [] };
        const run = (srv, path) => async () => {
          const c0 = cpuSeconds(srv.pid);
          const t0 = process.hrtime.bigint();
          const x = await load(srv.base + path, { seconds: P.apiSeconds, headers: r.headers });
          const wall = Number(process.hrtime.bigint() - t0) / 1e9;
          const used = cpuSeconds(srv.pid) - c0;
          cpu[srv.name].push({ us: (used * 1e6) / x.requests, util: used / wall });
          if (x.non2xx || x.errors) problems.push(`${srv.name}: ${x.non2xx} non-2xx, ${x.errors} socket errors of ${x.requests}`);
          return x.rps;
        };
        const [g, b] = await alternate([{ run: run(gen, r.gPath) }, { run: run(bare, r.bPath) }], rounds, { warmup: 0 });
        const target = API_GOALS[framework]?.[r.id];
        const gc = cpu[gen.name];
        const bc = cpu[bare.name];
        const cpuRatio = median(gc.map((x, i) => bc[i].us / x.us));
        const reqRatio = pairedRatio(g, b);
        const judged = throughputRatio({ reqRatio, cpuRatio, generatedUtil: median(gc.map((x) => x.util)), bareUtil: median(bc.map((x) => x.util)) });
        const gl = goal('api', `${framework} ${r.label}`, judged.ratio, '>=', target);
        gl.basis = judged.basis;
        r.cpuUs = { generated: median(gc.map((x) => x.us)), bare: median(bc.map((x) => x.us)) };
        rows.push([
          framework,
          r.label,
          fmtInt(g.median),
          fmtInt(b.median),
          `${fmt(reqRatio)}×`,
          `${fmt(median(gc.map((x) => x.us)), 0)} / ${fmt(median(bc.map((x) => x.us)), 0)}`,
          `${fmt(cpuRatio)}×`,
          `${fmt(median(gc.map((x) => x.util * 100)), 0)} % / ${fmt(median(bc.map((x) => x.util * 100)), 0)} %`,
          `≥ ${target}×`,
          `req/s: ${verdict(reqRatio, '>=', target)}, CPU: ${verdict(cpuRatio, '>=', target)}`,
          problems.length ? problems.slice(0, 2).join('; ') : '',
        ]);
        if (gl.verdict === 'MISS') r.missed = true;
      }
      await sleep(300);
      const loaded = { gen: procStatus(gen.pid), bare: procStatus(bare.pid) };
      if (throughput && opts.reference) referenceRows.push(...(await referencePoints(framework, prepared, s, routes[0])));
      memRows.push([
        framework,
        fmtMB(idle.gen.hwm),
        fmtMB(idle.bare.hwm),
        fmtMB(idle.gen.rss),
        fmtMB(idle.bare.rss),
        `${fmt(idle.gen.rss / idle.bare.rss)}×`,
        fmtMB(loaded.gen.hwm),
        fmtMB(loaded.bare.hwm),
        `${fmt(loaded.gen.hwm / loaded.bare.hwm)}×`,
        fmtMB(loaded.gen.rss),
      ]);
      const logBytes = readText(gen.logFile).length;
      for (const srv of servers.splice(0)) {
        const e = await srv.stop();
        running.delete(srv);
        void e;
      }
      if (throughput && logBytes === 0) api.body.push(`Note: ${framework}'s generated app wrote no log lines under load (is logging at info on?).`);

      // Profile the generated app where a goal was missed.
      const missed = routes.filter((r) => r.missed);
      for (const r of throughput && opts.profile ? missed : []) {
        log(`API ${framework}: profiling the generated and the bare app on ${r.label}`);
        const run = {};
        for (const kind of ['generated', 'bare']) {
          const port = await freePort();
          const dir = mkdtempSync(join(workRoot, `${framework}-prof-${kind}-`));
          const out = join(dir, 'profile.json');
          const how = prepared.profiled(kind, framework === 'fastapi' ? out : dir);
          const srv = await startServer({ name: `${framework} ${kind} profiled`, ...how, cwd: prepared.project, env: appEnv(framework, port, s), port, logFile: join(dir, 'server.log') });
          // Start-up is not what we are after: Node samples before this instant are dropped,
          // the Python profiler is switched on now (SIGUSR1, see bare/pyprofile.py).
          const fromUs = Number(process.hrtime.bigint() / 1000n);
          if (framework === 'fastapi') process.kill(srv.pid, 'SIGUSR1');
          const x = await load(srv.base + (kind === 'generated' ? r.gPath : r.bPath), { seconds: P.profileSeconds, headers: r.headers });
          await srv.stop();
          running.delete(srv);
          let summary = null;
          if (framework === 'fastapi') {
            if (existsSync(out)) summary = summarisePyProfile(out, prepared.project + '/');
          } else {
            const prof = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
            if (prof) summary = summariseCpuProfile(join(dir, prof), { projectDir: prepared.project + '/', fromUs, roots: [snapshot, repo] });
          }
          run[kind] = { summary, requests: x.requests, log: join(dir, 'server.log') };
        }
        const g = run.generated;
        const b = run.bare;
        let text;
        if (!g.summary) text = `(no profile was written; server log:\n${tail(readText(g.log), 5)})`;
        else {
          const ctx = { requests: g.requests, bare: b.summary, bareRequests: b.requests, cpuUs: r.cpuUs, seconds: P.profileSeconds };
          text = framework === 'fastapi' ? renderPySummary(g.summary, ctx) : renderCpuSummary(g.summary, ctx);
        }
        profiles.push({ framework, route: r.label, text });
      }
    } catch (error) {
      const reason = String(error.message ?? error).split('\n')[0];
      log(`API ${framework}: skipped: ${reason}`);
      results.skipped.push(`API ${framework}: skipped: ${String(error.message ?? error).split('\n').slice(0, 6).join(' ⏎ ')}`);
      rows.push([framework, '—', '', '', '', '', '', '', '', `skipped: ${reason.replace(/\|/g, '/')}`, '']);
    } finally {
      for (const srv of servers) {
        await srv.stop();
        running.delete(srv);
      }
    }
  }
  if (throughput) {
    api.body.push(
      `All-features project (memory rate-limit store, RATE_LIMIT_MAX=1e9, logging at info to a file, NODE_ENV/APP_ENV=production, FORCE_HTTPS=false) vs a bare app of the same framework with the same two routes (bench/bare/). Requests/s, median of ${P.apiRounds} alternating ${P.apiSeconds}-s rounds, ${loadTool} with ${P.connections} connections; server on core 0, load on core 1.`,
      '',
    );
    api.body.push(
      table(['framework', 'route', 'gen. req/s', 'bare req/s', 'req/s ratio', 'server CPU µs/req gen. / bare', 'CPU ratio (bare/gen.)', 'server CPU use gen. / bare', 'goal', 'verdict', 'notes'], rows),
      '',
      'The CPU ratio (median of per-round bare ÷ generated CPU time per request, all threads of the server process) is the req/s ratio measured without depending on the server being the bottleneck: where a server used well below 100 % of its core, the load generator or other work on the machine limited the apps and the req/s ratio is flattered towards 1. The Goals table therefore uses the req/s ratio only when both servers were saturated (≥ 90 %), else the CPU ratio.',
    );
    if (referenceRows.length) api.body.push('', ...renderReferencePoints(referenceRows));
    for (const p of profiles) api.body.push('', `### Profile: ${p.framework}, ${p.route}`, '', p.text);
    results.sections.push(api);
  }
  mem.body.push(
    `From /proc/PID/status, generated all-features app vs bare app. Start-up peak: VmHWM after start-up. Idle: VmRSS after start-up and one request per route. Under load: VmHWM during the ${throughput ? 'throughput rounds above' : 'warm-up load'}${peakReset ? ' (peak reset through /proc/PID/clear_refs before the load)' : ' (could not reset the peak: includes start-up)'}; after: VmRSS once the load stopped.`,
    '',
  );
  mem.body.push(table(['framework', 'start-up peak gen.', 'start-up peak bare', 'idle gen.', 'idle bare', 'idle ratio', 'peak under load gen.', 'peak under load bare', 'peak ratio', 'gen. after load'], memRows));
  if (want('memory')) results.sections.push(mem);
}

// ---------------------------------------------------------------- 4. Growth

async function benchGrowth() {
  const out = { title: '4. Cost growth', body: [] };
  const env = { ...process.env, NO_COLOR: '1', CI: '1' };
  const variants = [
    { label: 'no optional feature', features: 'none' },
    { label: '1 feature (headers)', features: 'headers' },
    { label: '5 features (headers, cors, rate-limit, auth-jwt, logging)', features: 'headers,cors,rate-limit,auth-jwt,logging' },
    { label: 'all features', features: 'all' },
  ];
  log(`growth: scaffold time with 0, 1, 5, all features (${P.scaffoldRounds} rounds)`);
  const parent = mkdtempSync(join(workRoot, 'growth-'));
  let n = 0;
  const res = await alternate(
    variants.map((v) => ({ run: () => timeRun(process.execPath, [rampartBin, `g${n++}`, '--framework', 'fastify', '--features', v.features, '--yes', '--no-install', '--no-git'], { cwd: parent, env }) })),
    P.scaffoldRounds,
  );
  rmSync(parent, { recursive: true, force: true });
  out.body.push(`Scaffold (fastify, no install), median of ${P.scaffoldRounds} rounds in rotation; ratio against the scaffold with no optional feature.`, '');
  out.body.push(table(['features', 'median', 'ratio'], variants.map((v, i) => [v.label, `${fmt(res[i].median, 1)} ms`, `${fmt(pairedRatio(res[i], res[0]))}×`])));

  // Rate limiter with 1, 1 000 and 100 000 distinct client keys.
  const keyCounts = [1, 1000, 100000];
  const frameworks = opts.quick ? opts.frameworks.filter((f) => f === 'fastify').concat(opts.frameworks.includes('fastify') ? [] : opts.frameworks.slice(0, 1)) : opts.frameworks;
  const rlRows = [];
  for (const framework of frameworks) {
    const servers = [];
    try {
      const prepared = prepareFramework(framework);
      const s = secrets();
      for (const keys of keyCounts) {
        const port = await freePort();
        servers.push(
          Object.assign(
            await startServer({
              name: `${framework} rate-limit ${keys} keys`,
              ...prepared.generated,
              cwd: prepared.project,
              env: appEnv(framework, port, s, { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_MAX: '1000000000' }),
              port,
              logFile: join(workRoot, `${framework}-growth-${keys}.log`),
            }),
            { keys },
          ),
        );
      }
      // Proof that X-Forwarded-For reaches the limiter: with a limit of 2, a third request from one key is 429, from a new key 200.
      const probePort = await freePort();
      const probe = await startServer({
        name: `${framework} rate-limit probe`,
        ...prepared.generated,
        cwd: prepared.project,
        env: appEnv(framework, probePort, s, { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_MAX: '3' }),
        port: probePort,
        logFile: join(workRoot, `${framework}-growth-probe.log`),
      });
      const statuses = [];
      for (const ip of ['10.9.9.9', '10.9.9.9', '10.9.9.9', '10.9.9.9', '10.8.8.8']) {
        const r = await fetch(`${probe.base}/health`, { headers: { 'x-forwarded-for': ip } });
        await r.arrayBuffer();
        statuses.push(r.status);
      }
      await probe.stop();
      running.delete(probe);
      const keyed = statuses[3] === 429 && statuses[4] === 200;
      const idle = servers.map((srv) => procStatus(srv.pid));
      for (const srv of servers) resetPeak(srv.pid);
      // Each run against a server goes on through its addresses where the last one
      // stopped: `sent` requests so far have used min(sent, keys) distinct addresses.
      const sent = servers.map(() => 0);
      const drive = async (i, seconds) => {
        const x = await load(`${servers[i].base}/health`, { seconds, keys: servers[i].keys, firstKey: sent[i] });
        sent[i] += x.requests;
        return x;
      };
      // Before measuring, every address is sent once, so the store holds N clients
      // (bounded in time: at most P.fillSeconds per server; the table says when N was not reached).
      for (const [i, srv] of servers.entries()) {
        log(`growth ${framework}: ${fmtInt(srv.keys)} client keys: sending each address once`);
        await drive(i, P.warmSeconds);
        for (let waited = 0; sent[i] < srv.keys && waited < P.fillSeconds; waited += P.growthSeconds) await drive(i, P.growthSeconds);
      }
      log(`growth ${framework}: rate limiter with ${keyCounts.join(' / ')} client keys (${P.growthRounds} × ${P.growthSeconds} s; limiter keyed on X-Forwarded-For: ${keyed})`);
      const r = await alternate(
        servers.map((srv, i) => ({ run: async () => (await drive(i, P.growthSeconds)).rps })),
        P.growthRounds,
        { warmup: 0 },
      );
      const after = servers.map((srv) => procStatus(srv.pid));
      servers.forEach((srv, i) => {
        rlRows.push([
          framework,
          `${fmtInt(srv.keys)}${sent[i] < srv.keys ? ` (only ${fmtInt(sent[i])} sent)` : ''}`,
          fmtInt(r[i].median),
          `${fmt(pairedRatio(r[i], r[0]))}×`,
          fmtMB(idle[i].rss),
          fmtMB(after[i].rss),
          fmtMB(after[i].hwm),
          `${fmt(after[i].rss / after[0].rss)}×`,
          i === 0 ? (keyed ? 'yes (4th request from one key 429, new key 200)' : `NO — statuses ${statuses.join(',')}`) : '',
        ]);
      });
    } catch (error) {
      const reason = String(error.message ?? error).split('\n')[0];
      log(`growth ${framework}: skipped: ${reason}`);
      results.skipped.push(`growth ${framework}: skipped: ${String(error.message ?? error).split('\n').slice(0, 6).join(' ⏎ ')}`);
      rlRows.push([framework, '—', '', '', '', '', '', '', `skipped: ${reason.replace(/\|/g, '/')}`]);
    } finally {
      for (const srv of servers) {
        await srv.stop();
        running.delete(srv);
      }
    }
  }
  out.body.push(
    '',
    `Rate limiter: the generated all-features app with TRUST_PROXY=127.0.0.1, driven on GET /health with X-Forwarded-For cycling through N client addresses (one server per N). Each server is first sent every one of its N addresses once (at most ${P.fillSeconds} s), so its store holds N clients; then the servers are measured side by side, rounds in rotation, median of ${P.growthRounds} × ${P.growthSeconds} s, each run going on through the addresses where the last stopped. Ratio and RSS against N = 1. A bounded memory store keeps RSS flat as N grows.`,
    '',
  );
  out.body.push(table(['framework', 'client keys', 'req/s', 'ratio', 'RSS idle', 'RSS after', 'peak RSS under load', 'RSS-after ratio', 'limiter keyed on XFF'], rlRows));
  results.sections.push(out);
}

// ---------------------------------------------------------------- report

function report() {
  const m = results.machine;
  const lines = [];
  lines.push('# rampart benchmarks', '');
  lines.push(`- Date: ${m.date} (commit ${m.gitRev || 'unknown'}), run took ${Math.round((Date.now() - started) / 1000)} s`);
  lines.push(`- Machine: ${m.cpuModel}, ${m.cores} cores; Node ${m.node}; ${m.python}`);
  lines.push(`- Command: \`${m.command}\` (\`npm run bench${m.command.slice('node bench/run.js'.length) ? ` --${m.command.slice('node bench/run.js'.length)}` : ''}\` = \`npm run build\` then this)`);
  lines.push(`- Load average (1/5/15 min) at start: ${m.loadStart}; at end: ${readText('/proc/loadavg').split(' ').slice(0, 3).join(' ')} — other work shares this machine, hence the paired ratios`);
  lines.push(`- Load generator: ${loadTool === 'wrk' ? 'wrk (1 thread)' : 'autocannon (1 worker)'}, pinned with \`taskset -c 1\`; servers pinned with \`taskset -c 0\``);
  lines.push('- Every figure is a ratio against a baseline measured side by side in the same run: rounds alternate A B A B, and the ratio is the median of the per-round ratios (absolute medians are only for orientation).', '');
  if (results.goals.length) {
    lines.push('## Goals', '');
    lines.push(table(['goal', 'ratio', 'target', 'verdict', 'measured as'], results.goals.map((g) => [g.what, `${fmt(g.ratio)}×`, `${g.op === '<=' ? '≤' : '≥'} ${g.target}×`, `**${g.verdict}**`, g.basis ?? 'wall time'])));
    lines.push('');
  }
  for (const s of results.sections) lines.push(`## ${s.title}`, '', ...s.body, '');
  if (results.skipped.length) lines.push('## Skipped', '', ...results.skipped.map((s) => `- ${s}`), '');
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  log(`work dir ${workRoot}; load generator ${loadTool}${opts.quick ? '; quick' : ''}`);
  if (!has('taskset')) throw new Error('taskset (util-linux) is required to pin server and load to different cores');
  takeSnapshot();
  const sections = [
    ['cli', benchCli],
    ['api', () => benchApis({ throughput: true })],
    ['growth', benchGrowth],
  ];
  for (const [name, fn] of sections) {
    const on = name === 'api' ? want('api') || want('memory') : want(name);
    if (!on) continue;
    const run = name === 'api' && !want('api') ? () => benchApis({ throughput: false }) : fn;
    try {
      await run();
    } catch (error) {
      log(`${name}: failed: ${error.stack ?? error}`);
      results.skipped.push(`${name}: failed: ${String(error.message ?? error).split('\n')[0]}`);
    }
  }
  await stopAll();
  const md = report();
  console.log(md);
  if (opts.write) {
    writeFileSync(opts.out, md);
    log(`wrote ${relative(process.cwd(), opts.out)}`);
  }
}

try {
  await main();
} finally {
  await stopAll();
  rmSync(workRoot, { recursive: true, force: true });
  rmSync(wrkScript, { force: true });
}
