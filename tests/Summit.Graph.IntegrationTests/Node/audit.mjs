// The GraphQL-over-HTTP audit suite of graphql-http against a running server.
// Usage: node audit.mjs http://127.0.0.1:PORT/graphql
// Prints one line per audit ("ok|warn|notice|error <id> <name>: <reason>") and a JSON summary as the last
// line; exits 1 when a MUST audit fails.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const counts = { ok: 0, warn: 0, notice: 0, error: 0 };
const problems = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  counts[result.status]++;
  const reason = result.status === 'ok' ? '' : `: ${result.reason}`;
  console.log(`${result.status} ${audit.id} ${audit.name}${reason}`);
  if (result.status !== 'ok') {
    problems.push({ id: audit.id, name: audit.name, status: result.status });
  }
}
console.log(JSON.stringify({ counts, problems }));
process.exit(counts.error > 0 ? 1 : 0);
