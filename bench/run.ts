/**
 * `npm run bench [-- --check] [-- --only core,http]`: runs every `bench/*.bench.ts` suite.
 * Exit code 1 when a target FAILs under --check, 2 on bad arguments.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runSuites, type BenchSuite } from './harness.js';
import { loadWarning, machineSummary } from './machine.js';

const here = dirname(fileURLToPath(import.meta.url));

async function loadSuites(): Promise<BenchSuite[]> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { suite?: BenchSuite };
    if (!mod.suite) throw new Error(`bench/${file} does not export \`suite\``);
    suites.push(mod.suite);
  }
  return suites;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        check: { type: 'boolean', default: false },
        only: { type: 'string' },
        list: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    console.error('usage: npm run bench -- [--check] [--only NAME[,NAME...]] [--list]');
    return 2;
  }
  const all = await loadSuites();
  if (values.list) {
    for (const suite of all) console.log(`${suite.name}\t${suite.description}`);
    return 0;
  }
  const wanted = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted?.filter((name) => !all.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) {
    console.error(`bench: unknown suite ${unknown.join(', ')} (have: ${all.map((s) => s.name).join(', ')})`);
    return 2;
  }
  const suites = wanted ? all.filter((s) => wanted.includes(s.name)) : all;
  console.log(machineSummary());
  const warning = loadWarning();
  if (warning !== null) console.log(warning);
  const outcomes = await runSuites(suites, { checking: values.check, print: (line) => console.log(line) });
  if (!values.check) return 0;
  const failed = outcomes.filter((o) => !o.pass);
  const after = loadWarning();
  if (after !== null) console.log(after);
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
