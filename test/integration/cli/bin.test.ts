import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

/**
 * The shipped entry point: bin/specboard.js imports the compiled dist/cli/main.js. `npm ci` and
 * `npm install` build it (prepare); run `npm run build` after changing src/cli locally.
 */
describe('bin/specboard.js (built CLI)', () => {
  const bin = join(REPO_ROOT, 'bin/specboard.js');

  it('is built', () => {
    expect(existsSync(join(REPO_ROOT, 'dist/cli/main.js')), 'dist/cli/main.js is missing: run npm run build').toBe(true);
  });

  it('prints its version and lists templates', () => {
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const templates = spawnSync(process.execPath, [bin, 'templates'], { encoding: 'utf8' });
    expect(templates.status).toBe(0);
    expect(templates.stdout).toContain('technical-specification');
  });

  it('exits 2 with a one-line error for an unknown option', () => {
    const result = spawnSync(process.execPath, [bin, 'lint', 'x.md', '--bogus'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^specboard: unknown option '--bogus' \(unknown_option\)$/m);
  });
});
