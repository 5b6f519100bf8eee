// Starts the chart worker from the TypeScript sources (tests, tsx, benchmarks): a worker thread
// inherits no TypeScript loader, so this registers tsx (a development dependency) in it first.
// Compiled builds start chartWorker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./chartWorker.ts');
