/** Temporary workspaces for the tests that run the CLI, in-process (src/cli/main.test.ts) or as a built bundle (test/cli). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh folder marked as a workspace by `.runbook/config.json` (holding `config`), with `files` (path → text or bytes). */
export function tempWorkspace(files: Record<string, string | Uint8Array> = {}, config: object = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-test-'));
  mkdirSync(join(root, '.runbook'));
  writeFileSync(join(root, '.runbook/config.json'), JSON.stringify(config));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
