/**
 * zod compiles object schemas with `new Function` when it may, and probes for that with
 * `Function('')` on first use. The app's Content-Security-Policy forbids string evaluation
 * (`script-src` without 'unsafe-eval'), so the probe is a policy violation: jitless mode skips both.
 * Imported first by every entry that can run zod (renderer/main.ts, workers/report.worker.ts).
 */
import { z } from 'zod';

z.config({ jitless: true });
