// spm import …: CSV (sales, customers, check-ins, deals) with header mapping, or a JSON restore.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerImportCommands(program: Command, ctx: AppContext): void {
  withExamples(program.command('import')
    .description('import sales, customers, check-ins or deals from CSV, or restore a JSON export')
    .argument('<what>', 'sales, customers, checkins, deals (CSV) or json (restore a full export)')
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
    // A Pipedrive deals export, as it names its columns (Title, Value, Stage and Status map themselves).
    `printf 'Title,Value,Organization,Stage,Expected close date,Status,Won time,Lost time,Lost reason,Deal created\\nWebsite,5000,Acme,Proposal,2026-04-30,Open,,,,2026-03-01 09:12:00\\nLogo,800,Beta Ltd,Qualified,,Lost,,2026-02-20 16:00:00,Too expensive,2026-01-10 10:00:00\\n' > pipedrive.csv && spm import deals pipedrive.csv --map customer=Organization --map created-date="Deal created" --map expected-close="Expected close date" --map won-date="Won time" --map lost-date="Lost time"`,
    'spm --db restored.db import json backup.json',
  ]);
}
