// Search load on `vectordesk serve` with autocannon (tools/autocannon, pinned): each client sends
// the search bodies of --queries in turn, back to back, for --duration seconds. Prints one JSON
// line: requests per second, latency percentiles in ms, totals. Fails on any non-2xx answer or
// connection error, so a figure is never made of refusals. Run by bench_api (bench/api).
//
//   node bench/api/search-load.mjs --url http://127.0.0.1:PORT --token vdk_... --store vs_...
//        --queries queries.json --connections 16 --duration 10
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(new URL('../../tools/autocannon/package.json', import.meta.url));
const autocannon = require('autocannon');

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    store: { type: 'string' },
    queries: { type: 'string' },
    connections: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
  },
});
for (const name of ['url', 'token', 'store', 'queries']) {
  if (!values[name]) {
    console.error(`search-load.mjs: --${name} is required`);
    process.exit(2);
  }
}

const bodies = JSON.parse(readFileSync(values.queries, 'utf8'));
const path = `/v1/vector_stores/${values.store}/search`;
const headers = { authorization: `Bearer ${values.token}`, 'content-type': 'application/json' };
const result = await autocannon({
  url: values.url,
  connections: Number(values.connections),
  duration: Number(values.duration),
  requests: bodies.map((body) => ({ method: 'POST', path, headers, body: JSON.stringify(body) })),
});

const summary = {
  connections: Number(values.connections),
  duration: Number(values.duration),
  requests: result.requests.total,
  rps: result.requests.average,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
};
console.log(JSON.stringify(summary));
if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
  console.error(`search-load.mjs: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  process.exit(1);
}
