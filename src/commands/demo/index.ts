// spm demo: registers the command; its module loads only when it runs.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { helpWidth, withExamples } from '../../cli/help.js';
import { wrap } from '../../ui/fit.js';

export function registerDemoCommand(program: Command, ctx: AppContext): void {
  withExamples(program.command('demo')
    .description('fill a new database with six months of realistic sample data around today')
    .addHelpText('after', () => `\n${wrap('Writes ./spm-demo.db unless --db names another file (SPM_DB is ignored here, so your own database is never the target by accident). Refuses a database that holds data.', helpWidth(ctx)).join('\n')}`)
    .action(async () => {
      const { runDemo } = await import('./demo.js');
      await runDemo(ctx);
    }), [
    'spm demo',
    'spm demo --db try-spm.db',
  ]);
}
