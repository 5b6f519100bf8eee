// Loads and checks the content in a worker thread (see contentWorker.ts) and hands the checked
// content back: the same result as loadCheckedContent(), without its cost staying in this process.
import { Worker } from 'node:worker_threads';
import { type Content, type ContentProblem, InvalidContentError } from './content/model.ts';

export function loadContentOffThread(dir?: string): Promise<Content> {
  // Under tsx the sources run as .ts; compiled, as .js next to this file.
  const entry = new URL(import.meta.url.endsWith('.ts') ? './contentWorker.ts' : './contentWorker.js', import.meta.url);
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: { dir } });
    worker.once('message', ({ content, problems }: { content?: Content; problems: ContentProblem[] }) => {
      if (content) resolve(content);
      else reject(new InvalidContentError(problems));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the content check stopped with exit code ${code}`));
    });
  });
}
