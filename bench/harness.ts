/**
 * The benchmark harness: every `bench/*.bench.ts` file exports `suite`, run.ts finds and runs
 * them. A suite prints its figures through `report` and its targets through `check`; under
 * `--check` each target prints one `PASS` or `FAIL` line and any FAIL makes the run exit 1.
 */

export interface BenchSuite {
  /** Short name used by `--only` (e.g. `core`, later `http`). */
  readonly name: string;
  readonly description: string;
  run(ctx: BenchContext): Promise<void>;
}

export interface BenchContext {
  /** True under `--check`: the suite should use its fixed settings and evaluate its targets. */
  readonly checking: boolean;
  /** A line of figures (always printed). */
  report(line: string): void;
  /** A target: printed as `PASS`/`FAIL <name>: <detail>`; recorded for the exit code. */
  check(name: string, pass: boolean, detail: string): void;
}

export interface CheckOutcome {
  readonly suite: string;
  readonly name: string;
  readonly pass: boolean;
  readonly detail: string;
}

/** Runs suites in order, printing as it goes; returns every target's outcome. */
export async function runSuites(
  suites: readonly BenchSuite[],
  options: { checking: boolean; print: (line: string) => void },
): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const suite of suites) {
    options.print(`# ${suite.name}: ${suite.description}`);
    const started = performance.now();
    await suite.run({
      checking: options.checking,
      report: (line) => options.print(`  ${line}`),
      check: (name, pass, detail) => {
        outcomes.push({ suite: suite.name, name, pass, detail });
        options.print(`${pass ? 'PASS' : 'FAIL'} ${suite.name}/${name}: ${detail}`);
      },
    });
    options.print(`  (${suite.name} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return outcomes;
}
