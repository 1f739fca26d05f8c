/**
 * The one error type of invalid input: a list of problems, each naming the offending key as a dotted path
 * (e.g. "landscape.params.h", "beta1") and saying what is allowed. A module validates its own block with
 * paths relative to it; the caller that knows where the block sits in a larger input re-roots the paths
 * with `within` (data, not message rewriting). `message` is "field: detail" per problem, one per line.
 *
 * Input values echoed into a message go through `echo` / `clip` (at most ECHO_MAX characters, then
 * "… (N characters)"): a 50 MB string in a field must not be printed back whole. As a safety net for echo
 * points that do not, every field and message is clipped here too (the middle is cut, so the end of a
 * message, which usually says what is allowed, survives).
 */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The longest echo of an input value in an error message. */
export const ECHO_MAX = 80;
/** The longest field path and the longest message of one problem (the safety net). */
const FIELD_MAX = 200;
const MESSAGE_MAX = 2000;

/** `text`, or its first `max` characters and "… (N characters)" when it is longer. */
export function clip(text: string, max = ECHO_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** An input value as a message shows it: JSON (strings quoted), clipped to `max` characters. */
export function echo(value: unknown, max = ECHO_MAX): string {
  // a long string is cut before JSON.stringify (no copy of 50 MB); the count is of the original
  if (typeof value === 'string') return value.length <= max ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)`;
  let s: string | undefined;
  try {
    s = JSON.stringify(value);
  } catch {
    s = undefined;
  }
  return clip(s ?? String(value), max);
}

/** `text` with its middle cut when it is longer than `max` (head and tail kept). */
function clipMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.7), tail = max - head;
  return `${text.slice(0, head)}… (${text.length - head - tail} of ${text.length} characters cut) …${text.slice(text.length - tail)}`;
}

export class FieldError extends Error {
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[]);
  constructor(field: string, message: string);
  constructor(a: FieldProblem[] | string, b?: string) {
    const given = typeof a === 'string' ? [{ field: a, message: b ?? '' }] : a;
    const problems = given.map((p) => ({ field: clipMiddle(p.field, FIELD_MAX), message: clipMiddle(p.message, MESSAGE_MAX) }));
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
