// spm export json|csv|ics: registers the formats; each loads its module only when it runs.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';
import { InputError } from '../../domain/errors.js';

export function registerExportCommands(program: Command, ctx: AppContext): void {
  withExamples(program.command('export')
    .description('write the data out: json (everything, restorable), csv (one record type), ics (open follow-ups)')
    .argument('<format>', 'json, csv or ics')
    .option('--entity <entity>', 'for csv: sales, customers, checkins, followups, concerns, goals or deals')
    .option('-o, --output <file>', 'write to this file (created 0600) instead of stdout')
    .option('--force', 'overwrite the output file if it exists')
    .action(async (format: string, options) => {
      switch (format.trim().toLowerCase()) {
        case 'json': {
          const { runExportJson } = await import('./json.js');
          await runExportJson(options, ctx);
          return;
        }
        case 'csv': {
          const { runExportCsv } = await import('./csv.js');
          await runExportCsv(options, ctx);
          return;
        }
        case 'ics': {
          const { runExportIcs } = await import('./ics.js');
          await runExportIcs(options, ctx);
          return;
        }
        default:
          throw new InputError(`cannot export ${JSON.stringify(format)}`, 'Export json, csv or ics.');
      }
    }), [
    'spm export json -o spm-export.json',
    'spm export csv --entity sales > sales.csv',
    'spm export csv --entity customers -o customers.csv',
    'spm export ics -o followups.ics',
  ]);

}
