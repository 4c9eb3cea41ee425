import type { Options } from 'ajv';

/**
 * One set of ajv options for compiling at generation time and for any
 * run-time compile (tests, tools). `verbose` keeps the failing value and its
 * schema on each error so messages can say what was expected and what was
 * given; `allErrors` lists every violation, not just the first.
 */
export const ajvOptions: Options = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictRequired: false,
  // `examples` is annotation; `title`/`description` are known to ajv already.
  keywords: [],
};
