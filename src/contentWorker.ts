// Worker thread entry: reads and checks the content (schema, rules, rendering) and posts the result.
// Validation loads zod and yaml and makes a lot of short-lived garbage; in a worker, all of that is
// freed when it exits, and the bot's own process never loads them (about 20 MB less RSS).
import { parentPort, workerData } from 'node:worker_threads';
import { readCheckedContent } from './render/contentChecks.ts';

const { content, problems } = readCheckedContent((workerData as { dir?: string }).dir);
parentPort!.postMessage({ content, problems });
