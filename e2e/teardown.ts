import { rmSync } from 'node:fs';

/** Removes the temporary data directory (the server process is stopped by Playwright first). */
export default function teardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (dir !== undefined && dir.includes('specboard-e2e-')) rmSync(dir, { recursive: true, force: true });
}
