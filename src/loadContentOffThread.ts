// Loads and checks the content in a worker thread (see contentWorker.ts) and hands the checked
// content back: the same result as loadCheckedContent(), without its cost staying in this process.
import { Worker } from 'node:worker_threads';
import { type Content, type ContentProblem, InvalidContentError } from './content/model.ts';

export async function loadContentOffThread(dir?: string): Promise<Content> {
  // Under a TypeScript loader (tsx: `npm run dev`, a shard started from the sources) a worker
  // cannot load .ts files on Node 20, so the check runs here; the compiled bot uses the worker.
  if (import.meta.url.endsWith('.ts')) {
    const { readCheckedContent } = await import('./render/contentChecks.ts');
    const { content, problems } = readCheckedContent(dir);
    if (!content) throw new InvalidContentError(problems);
    return content;
  }
  const entry = new URL('./contentWorker.js', import.meta.url);
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
