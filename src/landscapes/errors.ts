/**
 * Error raised for an invalid landscape specification.
 * `field` is the dotted path of the offending input (e.g. "landscape.expr", "landscape.params.h",
 * "landscape.Ha"); the message says what is wrong and what is allowed.
 */
export class LandscapeError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'LandscapeError';
    this.field = field;
  }
}
