/**
 * `runbook completion bash|zsh|fish`: a shell completion script, generated from the commands and options the CLI has
 * right now (so a new command completes without touching this file). Positional arguments complete by their name:
 * `<file>` with markdown files, `<template>` with `runbook templates --names` at completion time; option values with
 * their choices (`--status`, `--format`), `--cwd` with folders.
 */
import { Argument, type Command, type Option } from 'commander';
import type { CliCommand } from '../command';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** What completes a positional argument, from its name in the command's usage. */
type ArgumentKind = 'file' | 'template' | 'shell' | 'none';

interface OptionSpec {
  /** `--status`, and `-s` when it has a short form. */
  names: string[];
  description: string;
  takesValue: boolean;
  choices: string[];
  /** `--cwd`: a folder. */
  folder: boolean;
}

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  args: ArgumentKind[];
}

function optionSpec(option: Option): OptionSpec {
  return {
    names: [option.long, option.short].filter((name): name is string => typeof name === 'string'),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: option.argChoices ?? [],
    folder: option.long === '--cwd',
  };
}

function argumentKind(name: string): ArgumentKind {
  if (name === 'file') return 'file';
  if (name === 'template') return 'template';
  if (name === 'shell') return 'shell';
  return 'none';
}

/** The commands and options of `program`, as the scripts need them. */
export function completionSpec(program: Command): { global: OptionSpec[]; commands: CommandSpec[] } {
  return {
    global: program.options.filter((option) => !option.hidden && option.long !== '--version').map(optionSpec),
    commands: program.commands.map((command) => ({
      name: command.name(),
      description: command.description(),
      options: command.options.filter((option) => !option.hidden).map(optionSpec),
      args: command.registeredArguments.map((argument) => argumentKind(argument.name())),
    })),
  };
}

type Spec = ReturnType<typeof completionSpec>;

/** A single-quoted shell word. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Each option spec's long name (and short one). */
const allNames = (options: readonly OptionSpec[]): string => options.flatMap((option) => option.names).join(' ');

function bashValueCases(options: readonly OptionSpec[], indent: string): string[] {
  return options
    .filter((option) => option.takesValue)
    .map((option) => {
      const reply = option.folder ? 'COMPREPLY=($(compgen -d -- "$cur"))' : option.choices.length ? `COMPREPLY=($(compgen -W ${quote(option.choices.join(' '))} -- "$cur"))` : 'COMPREPLY=()';
      return `${indent}${option.names.join('|')}) ${reply}; return ;;`;
    });
}

function bashArgument(kind: ArgumentKind): string {
  if (kind === 'file') return `COMPREPLY=($(compgen -f -X '!*.md' -- "$cur") $(compgen -d -S / -- "$cur")); compopt -o nospace 2>/dev/null`;
  if (kind === 'template') return 'COMPREPLY=($(compgen -W "$(runbook templates --names 2>/dev/null)" -- "$cur"))';
  if (kind === 'shell') return `COMPREPLY=($(compgen -W ${quote(SHELLS.join(' '))} -- "$cur"))`;
  return 'COMPREPLY=()';
}

function bash(spec: Spec): string {
  const valueOptions = [...spec.global, ...spec.commands.flatMap((command) => command.options)].filter((option) => option.takesValue);
  const lines = [
    '# runbook completion for bash. Load it with:  source <(runbook completion bash)',
    '# or keep it:  runbook completion bash > ~/.local/share/bash-completion/completions/runbook',
    '_runbook() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" command="" position=0 i word',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    word="${COMP_WORDS[i]}"',
    '    case "$word" in',
    `      ${[...new Set(valueOptions.flatMap((option) => option.names))].join('|') || '--'}) ((i++)) ;;`,
    '      -*) ;;',
    '      *) if [[ -z "$command" ]]; then command="$word"; else ((position++)); fi ;;',
    '    esac',
    '  done',
    '  case "$prev" in',
    ...bashValueCases(spec.global, '    '),
    '  esac',
    '  if [[ -z "$command" ]]; then',
    `    if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${quote(allNames(spec.global))} -- "$cur")); else COMPREPLY=($(compgen -W ${quote(spec.commands.map((command) => command.name).join(' '))} -- "$cur")); fi`,
    '    return',
    '  fi',
    '  case "$command" in',
  ];
  for (const command of spec.commands) {
    lines.push(`    ${command.name})`);
    const values = bashValueCases(command.options, '        ');
    if (values.length) lines.push('      case "$prev" in', ...values, '      esac');
    lines.push(`      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${quote(allNames([...command.options, ...spec.global]))} -- "$cur")); return; fi`);
    if (command.args.length) {
      lines.push('      case "$position" in');
      command.args.forEach((kind, index) => lines.push(`        ${index}) ${bashArgument(kind)} ;;`));
      lines.push('        *) COMPREPLY=() ;;', '      esac');
    } else {
      lines.push('      COMPREPLY=()');
    }
    lines.push('      ;;');
  }
  lines.push('  esac', '}', 'complete -F _runbook runbook');
  return lines.join('\n');
}

/** Text inside a zsh `_arguments` spec: brackets and colons would end its parts. */
function zshText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/([[\]:])/g, '\\$1').replace(/'/g, `'\\''`);
}

function zshOption(option: OptionSpec): string[] {
  const action = option.folder ? ':folder:_files -/' : option.choices.length ? `:value:(${option.choices.join(' ')})` : option.takesValue ? ':value: ' : '';
  return option.names.map((name) => `'${name}[${zshText(option.description)}]${action}'`);
}

function zshArgument(kind: ArgumentKind, index: number): string {
  const action = kind === 'file' ? "_files -g '*.md'" : kind === 'template' ? '_runbook_templates' : kind === 'shell' ? `(${SHELLS.join(' ')})` : ' ';
  return `'${index + 1}:${kind}:${action}'`;
}

function zsh(spec: Spec): string {
  const lines = [
    '#compdef runbook',
    '# runbook completion for zsh. Load it (after compinit) with:  source <(runbook completion zsh)',
    '_runbook_templates() {',
    '  local -a names',
    '  names=(${(f)"$(runbook templates --names 2>/dev/null)"})',
    "  _describe 'template' names",
    '}',
    '_runbook() {',
    '  local -a commands',
    '  commands=(',
    ...spec.commands.map((command) => `    '${zshText(command.name)}:${zshText(command.description)}'`),
    '  )',
    '  local curcontext="$curcontext" state line',
    '  _arguments -C \\',
    ...spec.global.flatMap(zshOption).map((option) => `    ${option} \\`),
    "    '1: :->command' \\",
    "    '*:: :->args'",
    '  case $state in',
    "    command) _describe 'command' commands ;;",
    '    args)',
    '      case $words[1] in',
  ];
  for (const command of spec.commands) {
    const specs = [...command.options.flatMap(zshOption), ...command.args.map(zshArgument)];
    lines.push(`        ${command.name}) _arguments ${specs.join(' ')} ;;`);
  }
  lines.push('      esac ;;', '  esac', '}', 'compdef _runbook runbook');
  return lines.join('\n');
}

function fishOption(condition: string, option: OptionSpec): string {
  const names = option.names.map((name) => (name.startsWith('--') ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`)).join(' ');
  const value = option.folder ? " -x -a '(__fish_complete_directories)'" : option.choices.length ? ` -x -a ${quote(option.choices.join(' '))}` : option.takesValue ? ' -x' : '';
  return `complete -c runbook${condition} ${names}${value} -d ${quote(option.description)}`;
}

function fish(spec: Spec): string {
  const lines = [
    '# runbook completion for fish. Load it with:  runbook completion fish | source',
    '# or keep it:  runbook completion fish > ~/.config/fish/completions/runbook.fish',
    'complete -c runbook -f',
    ...spec.global.map((option) => fishOption('', option)),
  ];
  for (const command of spec.commands) {
    lines.push(`complete -c runbook -n __fish_use_subcommand -a ${command.name} -d ${quote(command.description)}`);
    const seen = ` -n '__fish_seen_subcommand_from ${command.name}'`;
    for (const option of command.options) lines.push(fishOption(seen, option));
    command.args.forEach((kind, index) => {
      // The command is token 2 of the command line; its arguments follow (options before them are not counted).
      const at = ` -n '__fish_seen_subcommand_from ${command.name}; and __fish_is_nth_token ${index + 2}'`;
      if (kind === 'file') lines.push(`complete -c runbook${at} -F`);
      if (kind === 'template') lines.push(`complete -c runbook${at} -x -a '(runbook templates --names 2>/dev/null)'`);
      if (kind === 'shell') lines.push(`complete -c runbook${at} -x -a ${quote(SHELLS.join(' '))}`);
    });
  }
  return lines.join('\n');
}

/** The completion script for `shell`, from `program`'s commands. */
export function completionScript(shell: Shell, program: Command): string {
  const spec = completionSpec(program);
  return shell === 'bash' ? bash(spec) : shell === 'zsh' ? zsh(spec) : fish(spec);
}

export const completion: CliCommand = {
  usage: 'completion',
  description: 'print a shell completion script: bash, zsh or fish (e.g. source <(runbook completion bash))',
  // A shell outside the list is a usage error (exit 2), like any invalid option value.
  configure: (command) => command.addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS)),
  run: async (context, [shell], _options, command) => {
    // `command.parent` is the program this command was added to: every command and option it has now.
    context.out(completionScript(shell as Shell, command.parent ?? command));
  },
};
