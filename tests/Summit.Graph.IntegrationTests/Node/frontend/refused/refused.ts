// Must NOT compile: the generated types refuse what the schema refuses. The typed front-end test expects exactly
// these three errors, so the types are known to check something.
import type { SessionFilterInput, SessionSortInput } from '../generated/schema.js';
import type { DaysByDateQueryVariables } from '../generated/operations.js';

export const unknownField: SessionFilterInput = { abstract: { eq: 'x' } };
export const wrongDirection: SessionSortInput = { title: 'UP' };
export const dateAsNumber: DaysByDateQueryVariables = { date: 20210209 };
