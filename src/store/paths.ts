import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The package root, found from this file whether it runs as TypeScript (src/store) or compiled
 * (dist/src/store): specs, fixtures and migrations are read from there at run time.
 */
function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'specs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`polypaas: cannot find the package root above ${start}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot(__dirname);
export const fromRoot = (...parts: string[]) => path.join(packageRoot, ...parts);
