/**
 * Each editor buffer version parsed once: the index, diagnostics, CodeLens, hovers and commands all read the same
 * `ParsedDocument` for a given document version and configuration, instead of parsing the text again each.
 */
import type * as vscode from 'vscode';
import type { RunbookConfig } from '../core/config';
import type { ParsedDocument } from '../core/model';
import { parseDocument } from '../core/parse/document';

interface Entry {
  version: number;
  config: RunbookConfig;
  file: string;
  doc: ParsedDocument;
}

export class ParsedBuffers {
  private readonly entries = new Map<string, Entry>();
  /** How many times a buffer was actually parsed (for the tests that pin "once per version"). */
  parses = 0;

  /** The parse of `document`'s current version under `config`, as workspace file `file`. */
  get(document: vscode.TextDocument, file: string, config: RunbookConfig): ParsedDocument {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version && cached.config === config && cached.file === file) return cached.doc;
    this.parses += 1;
    const doc = parseDocument(document.getText(), { file, config });
    this.entries.set(key, { version: document.version, config, file, doc });
    return doc;
  }

  /** Drop a closed buffer's parse. */
  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  clear(): void {
    this.entries.clear();
  }
}
