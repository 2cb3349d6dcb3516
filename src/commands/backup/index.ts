// spm backup: registers the command; its module loads only when it runs.
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerBackupCommand(program: Command, ctx: AppContext): void {
  withExamples(program.command('backup')
    .description('copy the database safely (SQLite backup API), then check the copy')
    .argument('[file]', 'backup file (default: <db>-backup-<timestamp>.db beside the database)')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string | undefined, options) => {
      const { runBackup } = await import('./backup.js');
      await runBackup(file, options, ctx);
    }), ['spm backup', 'spm backup spm-copy.db --force']);
}
