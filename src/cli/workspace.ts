/** The workspace's documents for a listing: through the index and its cache (unless `--no-cache`), `.gitignore` honoured. */
import { loadIgnoreRule } from '../core/ignore';
import { loadDocuments } from '../core/workspace-index';
import type { WorkspaceScan } from '../core/workspace';
import { cliIndexCache } from '../node/cache';
import { isCaseInsensitiveFileSystem } from '../node/files';
import type { CliContext } from './context';

export async function workspaceDocuments(context: CliContext): Promise<WorkspaceScan> {
  const ignore = await loadIgnoreRule(context.host.files, [], {
    ignoreCase: await isCaseInsensitiveFileSystem(context.root),
    onProblem: (problem) => context.warn(`warning: ${problem}`),
  });
  return loadDocuments(context.host, context.config, { ignore, ...(context.useCache ? { cache: cliIndexCache(context.root, process.env) } : {}) });
}

/** Print `value` as indented JSON. */
export function printJson(context: CliContext, value: unknown): void {
  context.out(JSON.stringify(value, null, 2));
}
