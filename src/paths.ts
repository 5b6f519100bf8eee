// Files the bot reads at run time (content, the playground page, Discord's API description) are
// found from the project root, so the same code runs from src/ under tsx and from dist/ compiled.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `moduleUrl` that holds a package.json. */
export function packageRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = packageRoot(import.meta.url);
