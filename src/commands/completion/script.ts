// spm completion: shell completion scripts generated from the command tree itself, so they
// never drift from the real commands and flags.
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { InputError } from '../../domain/errors.js';

interface Node {
  path: string[];
  subcommands: string[];
  flags: string[];
}

function collect(command: Command, path: string[], globalFlags: string[], out: Node[]): void {
  const flags = [...command.options.filter((o) => !o.hidden).map((o) => o.long ?? o.short ?? ''), ...globalFlags, '--help'].filter(Boolean);
  const subcommands = command.commands.map((c) => c.name());
  out.push({ path, subcommands, flags: [...new Set(flags)] });
  for (const sub of command.commands) collect(sub, [...path, sub.name()], globalFlags, out);
}

export function completionNodes(program: Command): Node[] {
  const globals = program.options.filter((o) => !o.hidden).map((o) => o.long ?? '').filter(Boolean);
  const nodes: Node[] = [];
  collect(program, [], globals, nodes);
  return nodes;
}

function bash(nodes: Node[]): string {
  const cases = nodes.map((n) => `    "${n.path.join(' ')}") words="${[...n.subcommands, ...n.flags].join(' ')}" ;;`).join('\n');
  return `# spm bash completion: add to ~/.bashrc:  source <(spm completion bash)
_spm_complete() {
  local cur path word i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  path=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    case "\${path:+$path }$word" in
${nodes.filter((n) => n.path.length > 0).map((n) => `      "${n.path.join(' ')}") path="${n.path.join(' ')}" ;;`).join('\n')}
    esac
  done
  local words=""
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _spm_complete spm
`;
}

function fish(nodes: Node[]): string {
  const lines = ['# spm fish completion: spm completion fish > ~/.config/fish/completions/spm.fish', 'complete -c spm -f'];
  for (const node of nodes) {
    const condition = node.path.length === 0
      ? '__fish_use_subcommand'
      : `__fish_seen_subcommand_from ${node.path[node.path.length - 1]}${node.path.length === 1 ? ` ; and not __fish_seen_subcommand_from ${node.subcommands.join(' ') || node.path[0]}` : ''}`;
    if (node.subcommands.length) lines.push(`complete -c spm -n '${condition}' -a '${node.subcommands.join(' ')}'`);
  }
  const allFlags = [...new Set(nodes.flatMap((n) => n.flags))];
  for (const flag of allFlags) lines.push(`complete -c spm -l ${flag.replace(/^--/, '')}`);
  return `${lines.join('\n')}\n`;
}

export function runCompletion(shell: string, program: Command, ctx: AppContext): string {
  const nodes = completionNodes(program);
  let script: string;
  switch (shell.trim().toLowerCase()) {
    case 'bash':
      script = bash(nodes);
      break;
    case 'zsh':
      // zsh runs bash completion functions through bashcompinit.
      script = `# spm zsh completion: add to ~/.zshrc:  source <(spm completion zsh)\nautoload -U +X bashcompinit && bashcompinit\n${bash(nodes).split('\n').slice(1).join('\n')}`;
      break;
    case 'fish':
      script = fish(nodes);
      break;
    default:
      throw new InputError(`no completion for shell ${JSON.stringify(shell)}`, 'Use bash, zsh or fish.');
  }
  ctx.io.out(script);
  return script;
}
