/**
 * A model CLI the user already has (`ollama run llama3`, `llm -m gpt-4o`, a script of their own) as the engine's
 * `DraftModel`: each prompt goes to the command's standard input, its standard output is the answer.
 *
 * The command string comes only from `--with` or `RUNBOOK_DRAFT_COMMAND` — never from the workspace — and is run
 * through the system shell (`/bin/sh -c` on Linux and macOS, `cmd.exe` on Windows), so it is typed exactly as in a
 * terminal: quotes, pipes, `VAR=value` prefixes. Nothing from a document is ever put into the command line: prompts
 * (which hold the story and the governance files) travel on stdin only.
 */
import { spawn } from 'node:child_process';
import { MAX_ANSWER_LENGTH, type DraftModel } from '../core/draft';

/** How to run the command. */
export interface CommandModelOptions {
  command: string;
  /** The workspace root: where the command runs. */
  cwd: string;
  /** Per prompt; the command (and everything it started) is killed when it runs longer. */
  timeoutMs: number;
  /** An answer longer than this is refused (the command is killed). */
  maxAnswerBytes?: number;
}

/** The default bound of one answer: the engine's, in UTF-8 bytes (up to 3 per UTF-16 unit). */
export const MAX_ANSWER_BYTES = MAX_ANSWER_LENGTH * 3;

/** The last non-empty line a command printed on stderr (where model CLIs say what went wrong), terminal escapes removed. */
function lastLine(text: string): string {
  const lines = text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const line = lines[lines.length - 1] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Run `options.command` once per prompt; see the module comment. */
export function commandModel(options: CommandModelOptions): DraftModel {
  const limit = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  // Its own process group, so a timeout or a cancel stops what the shell started too (`sh -c 'a | b'`).
  const ownGroup = process.platform !== 'win32';
  return (prompt, signal) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(options.command, { shell: true, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: ownGroup, windowsHide: true });
      const chunks: Buffer[] = [];
      let size = 0;
      let stderr = '';
      let settled = false;
      const kill = (): void => {
        try {
          if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // already gone
        }
      };
      const finish = (error: Error | null, answer = ''): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (error) {
          // Something the command started on its own may still hold the pipes: let go of them so the CLI can exit.
          for (const stream of [child.stdin, child.stdout, child.stderr]) stream.destroy();
          child.unref();
          reject(error);
          return;
        }
        resolve(answer);
      };
      const timer = setTimeout(() => {
        kill();
        finish(new Error(`the draft command timed out after ${options.timeoutMs / 1000} s (--timeout or RUNBOOK_DRAFT_TIMEOUT to allow more)`));
      }, options.timeoutMs);
      const onAbort = (): void => {
        kill();
        finish(new Error('cancelled'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      child.on('error', (error) => finish(new Error(`the draft command could not be started: ${error.message}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > limit) {
          kill();
          finish(new Error(`the draft command's answer is over the ${Math.round((options.maxAnswerBytes ?? MAX_ANSWER_LENGTH * 1024) / 1024)} KB limit`));
          return;
        }
        chunks.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-8192);
      });
      child.on('close', (code, killedBy) => {
        if (code !== 0) {
          const why = code === null ? `was stopped by ${killedBy ?? 'a signal'}` : `exited with code ${code}`;
          const said = lastLine(stderr);
          finish(new Error(`the draft command ${why}${said ? `: ${said}` : ''}`));
          return;
        }
        finish(null, new TextDecoder('utf-8').decode(Buffer.concat(chunks)));
      });
      // A command that does not read its input closes the pipe early: that is its business, not an error.
      child.stdin.on('error', () => undefined);
      child.stdin.end(prompt, 'utf8');
      if (signal.aborted) onAbort();
    });
}

/**
 * The command as recorded in a draft's frontmatter (`drafted-with`), which is committed: values of options and
 * variables named like secrets (`--api-key X`, `OPENAI_API_KEY=X`), bearer tokens and well-known key shapes are masked.
 */
export function redactCommand(command: string): string {
  return command
    .replace(/(--?[\w-]*(?:key|token|secret|password|passwd|auth)[\w-]*)(=|\s+)(?!-)("[^"]*"|'[^']*'|\S+)/gi, '$1$2***')
    .replace(/\b([A-Za-z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD)[A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/gi, '$1=***')
    .replace(/(Bearer\s+)\S+/gi, '$1***')
    .replace(/\b(?:sk|pk|rk|ghp|gho|ghs|xox[abpr])[-_][A-Za-z0-9_-]{12,}/g, '***')
    .replace(/\s+/g, ' ')
    .trim();
}
