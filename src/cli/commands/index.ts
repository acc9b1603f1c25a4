import type { CliCommand } from '../context.js';
import { backupCommand } from './backup.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { inviteCommand } from './invite.js';
import { lintCommand } from './lint.js';
import { migrateCommand } from './migrate.js';
import { newCommand } from './new.js';
import { serveCommand } from './serve.js';
import { templatesCommand } from './templates.js';
import { userCommand } from './user.js';

/**
 * Every `specboard` command, in the order `--help` lists them. A new command is one module in
 * this folder exporting a CliCommand, added here (the server adds serve, migrate, user, ...).
 */
export const COMMANDS: readonly CliCommand[] = [newCommand, lintCommand, templatesCommand, importCommand, exportCommand, inviteCommand, serveCommand, migrateCommand, backupCommand, userCommand];
