// spm import …: CSV (sales, customers, check-ins) with header mapping, or a JSON restore.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerImportCommands(program: Command, ctx: AppContext): void {
  withExamples(program.command('import')
    .description('import sales, customers or check-ins from CSV, or restore a JSON export')
    .argument('<what>', 'sales, customers, checkins (CSV) or json (restore a full export)')
    .argument('<file>', 'the CSV or JSON file')
    .option('--map <field=header>', 'map a field to a column header, e.g. date="Order Date" (repeatable)', collect)
    .option('--date-format <format>', 'how dates are written, in date-fns tokens: MM/dd/yyyy, dd.MM.yyyy, d MMM yyyy … (default yyyy-MM-dd)')
    .option('--delimiter <char>', 'column separator (default: guessed from the header among , ; tab)')
    .option('--dry-run', 'check and count, write nothing')
    .option('--skip-invalid', 'import the good rows; write the bad ones to <file>.rejects.csv')
    .action(async (what: string, file: string, options) => {
      if (what.trim().toLowerCase() === 'json') {
        const { runImportJson } = await import('./json.js');
        await runImportJson(file, ctx);
        return;
      }
      const { runImportCsv } = await import('./csv.js');
      await runImportCsv(what, file, options, ctx);
    }), [
    'spm import sales sales.csv --dry-run',
    `printf 'Order Date,Client,Total\\n03/14/2026,Acme,"$1,200.50"\\n' > shop.csv && spm import sales shop.csv --map date="Order Date" --map customer=Client --map amount=Total --date-format MM/dd/yyyy`,
    'spm import customers contacts.csv --skip-invalid --json',
    'spm --db restored.db import json backup.json',
  ]);
}
