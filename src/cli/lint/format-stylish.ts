import type { Paint } from '../color.js';
import { oneLine } from '../errors.js';
import { displayWidth, padDisplay } from '../text-width.js';
import { countSeverities, type FileReport, type LintReport } from './report.js';

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/**
 * ESLint-style text: per file with findings, its path then aligned `line:col severity message
 * rule` rows; then a problem count and the completeness score of every file.
 */
export function formatStylish(report: LintReport, paint: Paint): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out.push('', paint('underline', file.path));
    out.push(...findingRows(file, paint));
  }
  const counts = countSeverities(report.files);
  const total = counts.errors + counts.warnings + counts.infos;
  if (total > 0) {
    const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
    if (counts.infos > 0) parts.push(plural(counts.infos, 'info'));
    const style = counts.errors > 0 ? 'red' : 'yellow';
    out.push('', paint(style, paint('bold', `✖ ${plural(total, 'problem')} (${parts.join(', ')})`)));
  }
  if (report.files.length > 0) {
    out.push('', paint('bold', `Completeness (template: ${report.template.name})`));
    for (const file of report.files) {
      const score = `${Math.round(file.score)}%`.padStart(5);
      out.push(`${paint(scoreStyle(file.score), score)}  ${file.path}`);
    }
  }
  if (out.length === 0) return '';
  if (out[0] === '') out.shift();
  return `${out.join('\n')}\n`;
}

function findingRows(file: FileReport, paint: Paint): string[] {
  const sorted = [...file.findings].sort((a, b) => a.line - b.line || a.column - b.column);
  const cells = sorted.map((f) => [`${f.line}:${f.column}`, f.severity, oneLine(f.message), f.ruleId] as const);
  const posWidth = Math.max(...cells.map((c) => c[0].length));
  const sevWidth = Math.max(...cells.map((c) => c[1].length));
  const msgWidth = Math.max(...cells.map((c) => displayWidth(c[2])));
  return cells.map(([pos, severity, message, ruleId]) => {
    const sev = paint(SEVERITY_STYLE[severity], severity.padEnd(sevWidth));
    return `  ${paint('dim', pos.padEnd(posWidth))}  ${sev}  ${padDisplay(message, msgWidth)}  ${paint('dim', ruleId)}`;
  });
}

function scoreStyle(score: number): 'green' | 'yellow' | 'red' {
  if (score >= 90) return 'green';
  return score >= 50 ? 'yellow' : 'red';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
