import type { CliCommand, CliContext } from '../context.js';
import { EXIT_OK } from '../errors.js';
import { templateSources } from '../templates/sources.js';

export const templatesCommand: CliCommand = {
  name: 'templates',
  register(program, ctx) {
    program
      .command('templates')
      .description('list the templates `new` and `lint` can use by name')
      .option('--json', 'print JSON: [{id, name, version, source, sections}]', false)
      .action(async (options: { json: boolean }) => {
        await listTemplates(options.json, ctx);
        ctx.exitWith(EXIT_OK);
      });
  },
};

async function listTemplates(json: boolean, ctx: CliContext): Promise<void> {
  const rows: { id: string; name: string; version: number; source: string; sections: number }[] = [];
  for (const source of templateSources()) {
    for (const template of await source.list()) {
      rows.push({
        id: template.id,
        name: template.name,
        version: template.version,
        source: source.label,
        sections: template.structure.allSections.length,
      });
    }
  }
  if (json) {
    ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const idWidth = Math.max(2, ...rows.map((r) => r.id.length));
  const nameWidth = Math.max(4, ...rows.map((r) => r.name.length));
  const lines = rows.map(
    (r) => `${r.id.padEnd(idWidth)}  ${r.name.padEnd(nameWidth)}  ${String(r.sections).padStart(3)} sections  (${r.source})`,
  );
  ctx.io.stdout.write(`${lines.join('\n')}\n`);
}
