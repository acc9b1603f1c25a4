import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const CONFIG_FILE_NAME = '.specboard.json';

/**
 * The `.specboard.json` that applies in `cwd`: the one in `cwd` or the nearest parent, looking no
 * higher than the git root (a folder holding `.git`). Outside a git work tree only `cwd` counts,
 * so a stray file in a home folder does not silently configure every run.
 */
export async function findConfigFile(cwd: string): Promise<string | null> {
  const chain: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    chain.push(dir);
    if (await exists(join(dir, '.git'))) break;
    if (dirname(dir) === dir) {
      chain.length = 1;
      break;
    }
  }
  for (const dir of chain) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (await exists(candidate)) return candidate;
  }
  return null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
