import { z } from "zod";

// Runs in the browser before the app's code. zod compiles object parsers with `new Function`
// after probing for it; under the pages' CSP (no 'unsafe-eval') the probe is refused and reported
// as a violation even though zod catches it. The browser parses little: it does without.
z.config({ jitless: true });
