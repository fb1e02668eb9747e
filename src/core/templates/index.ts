/** Templates: types, parsing, discovery and rendering helpers. */
export type { TemplateField, TemplateFieldType, TemplateInfo, TemplateSource } from './types';
export { templateFromText } from './parse';
export {
  decodeUtf8,
  findTemplate,
  isTemplateFile,
  loadWorkspaceTemplates,
  mergeTemplates,
  templatesFromTexts,
  type TemplateText,
} from './discover';
export { mention, renderTemplateSource, singleLine, tableCell, yamlScalar, TEMPLATE_HELPERS } from './render';
export { splitFrontmatter, type FrontmatterSplit } from './frontmatter';
export { isValidDate, matchChoice, resolveFields } from './fields';
