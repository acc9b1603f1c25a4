import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specboard, tempDir } from './helpers.js';

describe('specboard templates', () => {
  let dir: { path: string; cleanup: () => void };
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => dir.cleanup());

  it('lists the built-in templates', async () => {
    const result = await specboard(['templates'], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^technical-specification +Technical Specification +\d+ sections +\(built-in\)$/m);
  });

  it('--json gives id, name, version, source and section count', async () => {
    const result = await specboard(['templates', '--json'], { cwd: dir.path });
    const rows = JSON.parse(result.stdout) as { id: string; name: string; version: number; source: string; sections: number }[];
    const builtin = rows.find((r) => r.id === 'technical-specification');
    expect(builtin).toMatchObject({ name: 'Technical Specification', version: 1, source: 'built-in' });
    expect(builtin?.sections).toBeGreaterThan(50);
  });
});
