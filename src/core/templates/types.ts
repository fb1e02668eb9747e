/** The shape of a template once its frontmatter is read: what the CLI prompts for and what the extension shows. */
import type { DocumentKind } from '../model';

/** `string`: one line (newlines folded to spaces). `text`: several lines. `date`: `YYYY-MM-DD`. `choice`: one of `choices`. */
export type TemplateFieldType = 'string' | 'text' | 'date' | 'choice';

/** One value a template asks for; front ends build their prompts (`--field name=value`, input boxes) from this. */
export interface TemplateField {
  name: string;
  type: TemplateFieldType;
  description: string;
  /** For `choice`: the allowed values, spelled as the document should show them (`SEV-2`, `P1`). */
  choices?: string[];
  /** Used when the value is not given; `today` for a date means the host clock's local date. */
  default?: string;
  required?: boolean;
}

/** Where a template came from: shipped in `templates/`, or the workspace's templates folder (which overrides by name). */
export type TemplateSource = 'built-in' | 'workspace';

/** A parsed template: frontmatter checked, Handlebars body and path pattern checked, ready to render. */
export interface TemplateInfo {
  name: string;
  description: string;
  kind: DocumentKind;
  /** Handlebars pattern of the output path, relative to the workspace root. */
  pathPattern: string;
  fields: TemplateField[];
  source: TemplateSource;
  /** The template's file, for error messages (workspace-relative for workspace templates). */
  file: string;
  /** The Handlebars text after the frontmatter. */
  body: string;
  /** 1-based line of the body's first line in `file`, added to Handlebars' line numbers in errors. */
  bodyLine: number;
}
