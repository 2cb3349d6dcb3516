// spm pipeline: registers the command; its module loads only when it runs.
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerPipelineCommand(program: Command, ctx: AppContext): void {
  withExamples(program.command('pipeline')
    .description('open deals by stage: value, learned win chance, weighted value; stale and overdue deals')
    .action(async () => {
      const { runPipeline } = await import('./pipeline.js');
      await runPipeline(ctx);
    }), ['spm pipeline', 'spm pipeline --json']);
}
