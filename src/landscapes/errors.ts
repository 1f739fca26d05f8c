/**
 * Error raised for an invalid landscape specification: the project's one field-error type (src/field-error.ts),
 * under its historical name. `field` is the dotted path of the offending input, rooted at "landscape"
 * (e.g. "landscape.expr", "landscape.params.h", "landscape.Ha", "landscape.builtin"); the message is
 * "field: what is wrong; what is allowed".
 */
export { FieldError as LandscapeError } from '../field-error.js';
