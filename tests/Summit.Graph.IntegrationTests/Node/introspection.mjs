// graphql-js's introspection query with every option, against a running server.
// Usage: node introspection.mjs http://127.0.0.1:PORT/graphql SDL_FILE
// Prints a JSON line: the HTTP status, the errors, and whether the schema built from the answer
// (buildClientSchema) prints the same as the SDL file (buildSchema), both sorted; exits 1 when anything differs.
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';

const [url, sdlFile] = process.argv.slice(2);
const query = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});
const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify({ query }),
});
const body = await response.json();
const result = { status: response.status, errors: body.errors ?? [] };
if (response.status === 200 && body.data) {
  const print = (schema) => printSchema(lexicographicSortSchema(schema));
  const introspected = print(buildClientSchema(body.data));
  const declared = print(buildSchema(readFileSync(sdlFile, 'utf8')));
  result.sameAsSdl = introspected === declared;
  result.specifiedByURLs = body.data.__schema.types.filter((t) => t.specifiedByURL).map((t) => `${t.name} ${t.specifiedByURL}`);
  result.description = body.data.__schema.description;
  if (!result.sameAsSdl) {
    const a = introspected.split('\n');
    const b = declared.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    result.firstDifference = { line, introspected: a.slice(line, line + 3), declared: b.slice(line, line + 3) };
  }
}
console.log(JSON.stringify(result));
process.exit(result.status === 200 && result.errors.length === 0 && result.sameAsSdl ? 0 : 1);
