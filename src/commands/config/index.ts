// spm config …: registers the verbs; the module loads only when one runs.
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerConfigCommands(program: Command, ctx: AppContext): void {
  const config = withExamples(program.command('config').description('read and change settings (currency, week start, automatic follow-ups …)'), [
    'spm config list',
    'spm config set currency EUR',
  ]);

  withExamples(config.command('list').description('every setting with its value and default')
    .action(async () => {
      const { runConfigList } = await import('./config.js');
      await runConfigList(ctx);
    }), ['spm config list', 'spm config list --json']);

  withExamples(config.command('get').argument('<key>', 'setting name').description('print one setting')
    .action(async (key: string) => {
      const { runConfigGet } = await import('./config.js');
      await runConfigGet(key, ctx);
    }), ['spm config get post-sale-follow-up-days']);

  withExamples(config.command('set').argument('<key>', 'setting name').argument('<value>', 'new value')
    .description('change a setting (validated)')
    .action(async (key: string, value: string) => {
      const { runConfigSet } = await import('./config.js');
      await runConfigSet(key, value, ctx);
    }), ['spm config set currency EUR', 'spm config set post-sale-follow-up-days 0   # no post-sale follow-ups', 'spm config set default-cadence-days 30']);

  withExamples(config.command('unset').argument('<key>', 'setting name').description('put a setting back to its default')
    .action(async (key: string) => {
      const { runConfigUnset } = await import('./config.js');
      await runConfigUnset(key, ctx);
    }), ['spm config unset week-start']);
}
