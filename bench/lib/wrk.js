// Reads wrk's report (wrk from Debian; bench/run.js falls back to autocannon without it).

/** { rps, requests, non2xx, errors } from wrk's output; null when wrk printed no throughput. */
export function parseWrkOutput(out) {
  const rps = Number(/Requests\/sec:\s*([\d.]+)/.exec(out)?.[1]);
  if (!Number.isFinite(rps)) return null;
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const non2xx = Number(/Non-2xx or 3xx responses:\s*(\d+)/.exec(out)?.[1] ?? 0);
  const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = sockErr ? sockErr.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return { rps, requests, non2xx, errors };
}
