/**
 * The one import of zod in the codebase. zod compiles object schemas with `new Function` when it
 * may, and probes for that with `Function('')` on its first parse; the app's Content-Security-Policy
 * forbids string evaluation (`script-src` without 'unsafe-eval'), so the probe is a policy violation
 * in the renderer and in every worker. Jitless mode skips both. Set here, beside the import, it holds
 * before any of our schemas can parse, whatever order a bundle's chunks run in — a config call in
 * each entry point did not (security/codebaseRules.test.ts keeps every other file off 'zod').
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
