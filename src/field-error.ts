/**
 * The one error type of invalid input: a list of problems, each naming the offending key as a dotted path
 * (e.g. "landscape.params.h", "beta1") and saying what is allowed. A module validates its own block with
 * paths relative to it; the caller that knows where the block sits in a larger input re-roots the paths
 * with `within` (data, not message rewriting). `message` is "field: detail" per problem, one per line.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export class FieldError extends Error {
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[]);
  constructor(field: string, message: string);
  constructor(a: FieldProblem[] | string, b?: string) {
    const problems = typeof a === 'string' ? [{ field: a, message: b ?? '' }] : a;
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    this.name = 'FieldError';
    this.problems = problems;
  }

  /** the first problem's field */
  get field(): string {
    return this.problems[0]?.field ?? '';
  }

  /** The same problems with every field under `root` ("scenario" + "landscape.h" → "scenario.landscape.h"). */
  within(root: string): FieldError {
    return new FieldError(this.problems.map((p) => ({ field: p.field ? `${root}.${p.field}` : root, message: p.message })));
  }
}
