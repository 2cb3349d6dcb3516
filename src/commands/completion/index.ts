// spm completion <bash|zsh|fish>
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerCompletionCommand(program: Command, ctx: AppContext): void {
  withExamples(program.command('completion').argument('<shell>', 'bash, zsh or fish')
    .description('print a shell completion script')
    .action(async (shell: string) => {
      const { runCompletion } = await import('./script.js');
      runCompletion(shell, program, ctx);
    }), ['spm completion bash > ~/.local/share/bash-completion/completions/spm', 'spm completion fish > ~/.config/fish/completions/spm.fish']);
}
