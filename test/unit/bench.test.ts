import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPerRequest, summariseCpuProfile } from '../../bench/lib/cpu-profile.js';
import { summarisePyProfile } from '../../bench/lib/py-profile.js';
import { alternate, median, pairedRatio, throughputRatio, verdict } from '../../bench/lib/stats.js';
import { parseWrkOutput } from '../../bench/lib/wrk.js';

// bench/run.js measures; these are the parts that turn measurements into the
// figures and verdicts of bench/RESULTS.md.

const scratch = mkdtempSync(join(tmpdir(), 'rampart-bench-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('ratios', () => {
  it('median of odd and even counts, without reordering the input', () => {
    const xs = [5, 1, 3];
    expect(median(xs)).toBe(3);
    expect(xs).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('pairs each round of A with the round of B that ran beside it', () => {
    // Round 2 ran while the machine was busy, for both. Per round: 0.6, 0.5, 0.44;
    // the ratio of the two medians (4 / 9) would mix rounds with different loads.
    const a = { samples: [6, 2, 4] };
    const b = { samples: [10, 4, 9] };
    expect(pairedRatio(a, b)).toBe(0.5);
  });

  it('alternates the variants round by round and drops the warm-up rounds', async () => {
    const order: string[] = [];
    const variant = (name: string, value: number) => ({
      run: async (round: number) => {
        order.push(`${name}${round}`);
        return value + round;
      },
    });
    const [a, b] = await alternate([variant('A', 10), variant('B', 20)], 3, { warmup: 1 });
    expect(order).toEqual(['A-1', 'B-1', 'A0', 'B0', 'A1', 'B1', 'A2', 'B2']);
    expect(a).toEqual({ median: 11, samples: [10, 11, 12] });
    expect(b).toEqual({ median: 21, samples: [20, 21, 22] });
  });

  it('gives PASS and MISS by the goal direction, n/a when nothing was measured', () => {
    expect(verdict(1.4, '<=', 1.5)).toBe('PASS');
    expect(verdict(1.6, '<=', 1.5)).toBe('MISS');
    expect(verdict(0.7, '>=', 0.7)).toBe('PASS');
    expect(verdict(0.69, '>=', 0.7)).toBe('MISS');
    expect(verdict(Number.NaN, '>=', 0.7)).toBe('n/a');
  });

  it('judges throughput by req/s only when both servers were the bottleneck, else by CPU per request', () => {
    const ratios = { reqRatio: 0.9, cpuRatio: 0.6 };
    expect(throughputRatio({ ...ratios, generatedUtil: 0.99, bareUtil: 0.95 })).toEqual({ ratio: 0.9, basis: 'req/s' });
    const limitedBare = throughputRatio({ ...ratios, generatedUtil: 0.99, bareUtil: 0.7 });
    expect(limitedBare.ratio).toBe(0.6);
    expect(limitedBare.basis).toMatch(/^CPU per request/);
  });
});

describe('wrk output', () => {
  it('reads throughput, request count, non-2xx answers and socket errors', () => {
    const out = `Running 2s test @ http://127.0.0.1:3000/health
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.21ms  200.00us   5.00ms   90.00%
  30744 requests in 2.00s, 4.40MB read
  Socket errors: connect 0, read 2, write 1, timeout 3
  Non-2xx or 3xx responses: 17
Requests/sec:  15368.12
Transfer/sec:      2.20MB`;
    expect(parseWrkOutput(out)).toEqual({ rps: 15368.12, requests: 30744, non2xx: 17, errors: 6 });
  });

  it('returns null when wrk printed no throughput (it could not connect)', () => {
    expect(parseWrkOutput('unable to connect to 127.0.0.1:3000 Connection refused')).toBeNull();
  });
});

describe('CPU profiles', () => {
  // A request handler in the project calls pino, which calls into Node and then
  // native code; one sample each of idle, program and garbage collection.
  const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, scriptId: '0', columnNumber: 0 });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5] },
      { id: 2, callFrame: frame('(program)') },
      { id: 3, callFrame: frame('(idle)') },
      { id: 4, callFrame: frame('handler', 'file:///proj/dist/app.js', 8), children: [6] },
      { id: 5, callFrame: frame('(garbage collector)') },
      { id: 6, callFrame: frame('asJson', 'file:///proj/node_modules/pino/lib/tools.js', 130), children: [7] },
      { id: 7, callFrame: frame('writeGeneric', 'node:internal/stream_base_commons', 40), children: [8] },
      { id: 8, callFrame: frame('writev') },
    ],
    startTime: 0,
    // Sample i lasts from the previous sample's time to its own: 10 µs each here.
    samples: [2, 3, 4, 6, 7, 8, 8, 5],
    timeDeltas: [10, 10, 10, 10, 10, 10, 10, 10],
  };
  const file = join(scratch, 'app.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));

  it('charges each busy sample to where it runs, who owns it and everything on its stack', () => {
    const s = summariseCpuProfile(file, { projectDir: '/proj/' });
    expect(s.busy).toBe(60); // idle and program left out
    expect(Object.fromEntries(s.self)).toEqual({ 'dist/app.js': 10, pino: 10, 'node internals': 10, '(native)': 20, '(garbage collector)': 10 });
    // Node internals and native code count for the innermost package that called them.
    expect(Object.fromEntries(s.owned)).toEqual({ 'dist/app.js': 10, pino: 40, '(garbage collector)': 10 });
    expect(s.inclusive.get('dist/app.js')).toBe(50);
    expect(s.inclusive.get('pino')).toBe(40);
    expect(Object.fromEntries(s.project)).toEqual({ 'dist/app.js': 50 });
    expect(s.functions.get('writev ((native):1)')).toBe(20);
  });

  it('leaves out the samples taken before the load started', () => {
    const s = summariseCpuProfile(file, { projectDir: '/proj/', fromUs: 35 });
    expect(s.busy).toBe(50);
    expect(s.owned.get('dist/app.js')).toBeUndefined();
  });

  it('splits the measured CPU per request by the profiles, generated against bare', () => {
    // Profiles: generated 300 µs over 10 requests, bare 100 µs over 10. The rounds
    // measured 60 and 10 µs per request: the profiles give the split, not the totals.
    const gen = { busy: 300, owned: new Map([['a', 200], ['b', 100]]) };
    const bare = { busy: 100, owned: new Map([['a', 100]]) };
    const text = renderPerRequest(gen, 10, bare, 10, 'owned', 'note', { generated: 60, bare: 10 });
    const rows = text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| where') && !line.startsWith('| ---'));
    expect(rows).toEqual([
      '| **all CPU** | 60.0 | 10.0 | 50.0 | 100 % |',
      '| a | 40.0 | 10.0 | 30.0 | 60.0 % |',
      '| b | 20.0 | 0.0 | 20.0 | 40.0 % |',
    ]);
  });
});

describe('Python profiles', () => {
  it('groups own time by package and project file and leaves out waiting in epoll or on a thread lock', () => {
    const file = join(scratch, 'profile.json');
    const rows = [
      { file: '/usr/lib/python3/dist-packages/starlette/routing.py', line: 10, func: 'handle', calls: 100, tottime: 0.002, cumtime: 0.01 },
      { file: '/srv/app/app/security/headers.py', line: 5, func: '__call__', calls: 100, tottime: 0.001, cumtime: 0.02 },
      { file: '~', line: 0, func: "<method 'poll' of 'select.epoll' objects>", calls: 50, tottime: 0.5, cumtime: 0.5 },
      { file: '~', line: 0, func: "<method 'acquire' of '_thread.lock' objects>", calls: 80, tottime: 9.5, cumtime: 9.5 },
    ];
    writeFileSync(file, JSON.stringify({ rows }));
    const s = summarisePyProfile(file, '/srv/app/');
    expect(s.busy).toBeCloseTo(3000);
    expect(s.owned.get('starlette')).toBeCloseTo(2000);
    expect(s.owned.get('app/security/headers.py')).toBeCloseTo(1000);
    expect(s.owned.has('(builtins)')).toBe(false);
  });

  it('pyprofile.py counts the calls made in worker threads, from SIGUSR1 on', () => {
    // FastAPI runs plain `def` handlers in a thread pool; cProfile alone sees only one thread.
    const script = join(scratch, 'threaded.py');
    writeFileSync(
      script,
      [
        'import os, signal, threading',
        'def before(): pass',
        'def work(): return sum(range(100))',
        'def run(f, n): [f() for _ in range(n)]',
        'pool = threading.Thread(target=run, args=(before, 7)); pool.start(); pool.join()',
        'os.kill(os.getpid(), signal.SIGUSR1)',
        'threads = [threading.Thread(target=run, args=(work, 50)) for _ in range(3)]',
        '[t.start() for t in threads]; [t.join() for t in threads]',
        'run(work, 5)',
      ].join('\n'),
    );
    const out = join(scratch, 'threaded.json');
    const r = spawnSync('/usr/bin/python3', [join(import.meta.dirname, '../../bench/bare/pyprofile.py'), out, script], { cwd: scratch, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const rows: { func: string; calls: number }[] = JSON.parse(readFileSync(out, 'utf8')).rows;
    const calls = (func: string) => rows.filter((row) => row.func === func).reduce((sum, row) => sum + row.calls, 0);
    expect(calls('work')).toBe(3 * 50 + 5);
    expect(calls('before')).toBe(0);
  });
});
