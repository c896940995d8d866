// The hostile cases of bench/hostile.sh: generated worst cases for each dimension a request can grow in, each
// sent once unmeasured and then REPEAT times in a row to the server at URL, whose process PID is sampled for CPU time (/proc/PID/stat)
// around each case. Prints one JSON line per case: name, dimension, HTTP statuses seen, server CPU ms per
// request, response bytes, error code. Only loopback URLs are accepted.
//
//   node bench/hostile/cases.mjs URL PID REPEAT EDITOR_KEY EVENT_ID
import { readFileSync } from 'node:fs';

const [url, pid, repeatText, editorKey, eventId] = process.argv.slice(2);
const repeat = Number(repeatText);
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) {
  throw new Error(`only http://127.0.0.1:PORT is a target, not ${url}`);
}

const ticksPerSecond = 100; // USER_HZ on Linux
const cpuMs = () => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond; // utime + stime
};

const range = (count, map) => Array.from({ length: count }, (_, i) => map(i));
const term = (i) => ({ slug: { eq: `a${i}` } });
const nest = (levels) => {
  let where = { slug: { eq: 'hotplug' } };
  for (let i = 0; i < levels; i++) where = { and: [where] };
  return where;
};
const nestInline = (levels) => '{ and: ['.repeat(levels) + '{ slug: { eq: "hotplug" } }' + '] }'.repeat(levels);
const filterQuery = 'query($w: SessionFilterInput) { sessions(first: 1, where: $w) { totalCount } }';
let fragmentBomb = 'fragment F0 on Query { __typename } ';
for (let i = 1; i <= 20; i++) fragmentBomb += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} } `;

// [name, dimension, body (object, array or raw string), headers]
const cases = [
  ['or of 15,000 terms (variables)', 'boolean width', { query: filterQuery, variables: { w: { or: range(15_000, term) } } }],
  ['or of 5,000 terms (inline)', 'boolean width', { query: `{ sessions(where: { or: [${range(5_000, (i) => `{ slug: { eq: "a${i}" } }`).join(',')}] }) { totalCount } }` }],
  ['and of 12,000 terms (variables)', 'boolean width', { query: filterQuery, variables: { w: { and: range(12_000, term) } } }],
  ['and nested 500 deep (variables)', 'boolean depth', { query: filterQuery, variables: { w: nest(500) } }],
  ['and nested 200 deep (inline)', 'boolean depth', { query: `{ sessions(where: ${nestInline(200)}) { totalCount } }` }],
  ['in list of 40,000', 'list length', { query: filterQuery, variables: { w: { slug: { in: range(40_000, (i) => `slug-${i}`) } } } }],
  ['nodes(ids:) of 20,000', 'list length', { query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: range(20_000, (i) => `U2Vzc2lvbjox${i}`) } }],
  ['order of 1,000 terms', 'list length', { query: 'query($o: [SessionSortInput!]) { sessions(order: $o) { totalCount } }', variables: { o: range(1_000, () => ({ title: 'ASC' })) } }],
  ['20,000 @skip on one field', 'directives', { query: `{ event { slug${' @skip(if: false)'.repeat(20_000)} } }` }],
  ['40,000 aliases', 'aliases', { query: `{ ${range(40_000, (i) => `a${i}: __typename`).join(' ')} }` }],
  ['fragment bomb (2^20 fields)', 'fragments', { query: `{ ...F20 } ${fragmentBomb}` }],
  ['5,000 fragment definitions', 'fragments', { query: `{ ...F0 } ${range(5_000, (i) => `fragment F${i} on Query { __typename }`).join(' ')}` }],
  ['30,000 unused variables', 'variables', { query: `query(${range(30_000, (i) => `$v${i}: Int`).join(' ')}) { event { slug } }` }],
  ['60,000 unknown arguments', 'arguments', { query: `{ event(${range(60_000, (i) => `a${i}: 1`).join(' ')}) { slug } }` }],
  ['1,990 unknown fragment spreads', 'fragments', { query: `{ ${range(1_990, (i) => `...F${i}`).join(' ')} }` }],
  ['400 distinct fragments, all used', 'fragments', { query: `{ ${range(400, (i) => `...F${i}`).join(' ')} } ${range(400, (i) => `fragment F${i} on Query { __typename }`).join(' ')}` }],
  ['3,990 unknown fields (errors)', 'errors', { query: `{ ${range(3_990, (i) => `unknown${i}`).join(' ')} }` }],
  ['1,990 unknown directives (errors)', 'errors', { query: `{ event { slug ${range(1_990, (i) => `@d${i}`).join(' ')} } }` }],
  ['990 variables of unknown types (errors)', 'errors', { query: `query(${range(990, (i) => `$v${i}: T${i}`).join(' ')}) { event { slug } }` }],
  ['event/sessions five levels deep', 'list amplification', { query: '{ event { sessions { event { sessions { event { sessions { event { sessions { event { sessions { slug } } } } } } } } } } }' }],
  ['420 fields under one name', 'field repeats', { query: `{ ${range(420, (i) => `event(slug: "s${i}") { slug }`).join(' ')} }` }],
  ['300 inline fragments, one name', 'field repeats', { query: `{ ${range(300, (i) => `... { event(slug: "s${i}") { slug } }`).join(' ')} }` }],
  ['90 introspection selections', 'introspection', { query: `{ ${range(90, (i) => `s${i}: __schema { types { description fields { description args { description } } } }`).join(' ')} }` }],
  ['1 MB variable asked of 20 fields', 'string length', { query: 'query($v: String) { slots(first: 20) { nodes { startsAt(timeZone: $v) } } }', variables: { v: 'x'.repeat(1_000_000) } }],
  ['60,000-character variable quoted by 20 errors', 'error size', { query: 'query($v: String) { slots(first: 20) { nodes { startsAt(timeZone: $v) } } }', variables: { v: 'x'.repeat(60_000) } }],
  ['900 KB string literal', 'string length', { query: `{ event(slug: "${'x'.repeat(900_000)}") { slug } }` }],
  ['renderMarkdown, 4 aliases of 1,000 *a*', 'Markdown', { query: `query($m: String!) { ${range(4, (i) => `r${i}: renderMarkdown(markdown: $m)`).join(' ')} }`, variables: { m: '*a* '.repeat(250) } }],
  ['1 MB of tokens', 'tokens', { query: `{ ${'a '.repeat(500_000)}}` }],
  ['JSON nested 10,000 deep', 'tokens', '{"query":"{ event { slug } }","variables":{"w":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}}'],
  ['persistedQuery version "abc"', 'envelope', { query: '{ event { slug } }', extensions: { persistedQuery: { version: 'abc', sha256Hash: '0'.repeat(64) } } }],
  ['batch of 10 filters at their limits', 'batch', range(10, () => ({ query: filterQuery, variables: { w: { or: range(50, term) } } }))],
  ['renderMarkdown of 20 KB of *a*', 'Markdown', { query: 'query($m: String!) { renderMarkdown(markdown: $m) }', variables: { m: '*a* '.repeat(5_000) } }],
  ['renderMarkdown nested 300 levels', 'Markdown', { query: 'query($m: String!) { renderMarkdown(markdown: $m) }', variables: { m: '>'.repeat(300) + ' x' } }],
  ['abstract nested 300 levels (editor)', 'Markdown', { query: 'mutation($i: CreateSessionInput!) { createSession(input: $i) { session { id } } }', variables: { i: { eventId, title: 'Hostile', abstract: '>'.repeat(300) + ' x' } } }, { authorization: `Bearer ${editorKey}` }],
];

for (const [name, dimension, body, headers] of cases) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const statuses = new Set();
  let bytes = 0;
  let code = null;
  // One unmeasured send first: a server that has run a while has compiled every path; the first run of a refusal's
  // path costs its JIT compilation, which is not what the case costs.
  await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text }).then((r) => r.text());
  const before = cpuMs();
  for (let i = 0; i < repeat; i++) {
    let response;
    let answer;
    try {
      response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: text,
      });
      answer = await response.text();
    } catch (error) {
      // Reported, not thrown: a connection the server closed is a finding of its own (no status, no code).
      statuses.add(0);
      code = `no answer: ${error.cause?.code ?? error.message}`;
      continue;
    }
    statuses.add(response.status);
    bytes = Math.max(bytes, answer.length);
    try {
      const json = JSON.parse(answer);
      const first = Array.isArray(json) ? json.find((item) => item.errors)?.errors?.[0] : json.errors?.[0];
      code = first?.extensions?.code ?? (json.data || Array.isArray(json) ? 'data' : null);
    } catch {
      code = 'not JSON';
    }
  }
  const cpu = (cpuMs() - before) / repeat;
  console.log(JSON.stringify({ name, dimension, requestBytes: text.length, statuses: [...statuses], cpuMs: cpu, responseBytes: bytes, code }));
}
