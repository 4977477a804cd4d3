// Fallback load generator when wrk is not installed: autocannon in one process
// (bench/run.js pins it to core 1). Prints { rps, requests, non2xx, errors } as JSON.
import autocannon from 'autocannon';

// Client addresses go on from `firstKey`, so consecutive runs reach new ones (see bench/run.js).
const { url, seconds, headers, keys, firstKey = 0, connections } = JSON.parse(process.argv[2]);
let n = firstKey;
const ip = (i) => `10.${Math.floor(i / 65536) % 256}.${Math.floor(i / 256) % 256}.${i % 256}`;
const result = await autocannon({
  url,
  connections,
  duration: seconds,
  headers,
  requests: keys
    ? [
        {
          setupRequest: (req) => {
            n++;
            return { ...req, headers: { ...req.headers, 'x-forwarded-for': ip(n % keys) } };
          },
        },
      ]
    : undefined,
});
console.log(JSON.stringify({ rps: result.requests.average, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors + result.timeouts }));
