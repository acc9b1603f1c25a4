import { resolve } from 'node:path';
import type { CliCommand, CliContext } from '../context.js';
import { newSpec, TemplateError } from '../core.js';
import { CliError, EXIT_OK } from '../errors.js';
import { writeNewFile } from '../files/write-new-file.js';
import { DEFAULT_MAX_BYTES, parseSize } from '../options/size.js';
import { resolveTemplate } from '../templates/resolve-template.js';

interface NewOptions {
  template?: string;
  author: string;
  date?: string;
  output?: string;
  force: boolean;
  maxSize: number;
}

export const newCommand: CliCommand = {
  name: 'new',
  register(program, ctx) {
    program
      .command('new')
      .description('start a spec from a template (printed, or written with -o)')
      .argument('<title>', 'the spec title')
      .option('-t, --template <file|name>', 'template name or Markdown file (default: technical-specification)')
      .option('-a, --author <name>', 'author for the footer', '')
      .option('--date <yyyy-mm-dd>', 'date for the footer (default: today)')
      .option('-o, --output <file>', 'write to this file instead of standard output')
      .option('--force', 'overwrite the output file if it exists', false)
      .option('--max-size <size>', 'largest template file to read', parseSize, DEFAULT_MAX_BYTES)
      .action(async (title: string, options: NewOptions) => {
        await runNew(title, options, ctx);
        ctx.exitWith(EXIT_OK);
      });
  },
};

async function runNew(title: string, options: NewOptions, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  const template = await resolveTemplate(options.template, io.cwd, options.maxSize);
  let text: string;
  try {
    text = newSpec(template, { title, author: options.author, date: options.date ?? today() });
  } catch (error) {
    if (error instanceof TemplateError) throw new CliError(error.code, error.message);
    throw error;
  }
  if (options.output === undefined) {
    io.stdout.write(text);
    return;
  }
  await writeNewFile(resolve(io.cwd, options.output), options.output, text, options.force);
  io.stderr.write(`specboard: wrote ${options.output}\n`);
}

/** Today in the local time zone, as the footer shows dates. */
function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
