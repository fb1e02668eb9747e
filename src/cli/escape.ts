/**
 * Escaping of what the CLI prints, one function per output format, so a file name, a title or a message holding a
 * line break or a control character can never forge a line of output — in CI a forged `::error` line is a workflow
 * command. Shared by every format (text, JSON, GitHub annotations, and the formats added later).
 */

/** Control characters and line separators: C0, DEL, C1, U+2028, U+2029. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * One line of plain text: `\n`, `\r` and `\t` written as those two characters, any other control character as
 * `\u{XX}`. What users read in a terminal, and what line-oriented tools split on.
 */
export function escapeControl(value: string): string {
  return value.replace(CONTROL, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`;
  });
}

/**
 * A GitHub Actions workflow command value (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts):
 * `%`, `\r` and `\n` percent-encoded everywhere, and `:` and `,` too in a property (`file=…,line=…,title=…`).
 */
export function escapeWorkflowCommand(value: string, property: boolean): string {
  let escaped = value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) escaped = escaped.replace(/:/g, '%3A').replace(/,/g, '%2C');
  // Other control characters do not end the command, but are not for a log either.
  return escapeControl(escaped);
}
