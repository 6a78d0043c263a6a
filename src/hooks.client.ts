import { config } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to, and first probes whether it
// may by calling `Function('')`: under the Content-Security-Policy (no 'unsafe-eval') the probe is
// refused and reported as a violation on every page with a form. Parsing without the compiled fast
// path is just as correct. This runs before any page module builds a schema.
config({ jitless: true });
