// Starts one PostgreSQL server for the whole run; each test that needs it creates its own database.
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './helpers/postgresServer.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgresServer();
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
