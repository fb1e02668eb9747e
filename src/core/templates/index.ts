/** Templates: types, parsing, discovery and rendering helpers. */
export type { TemplateField, TemplateFieldType, TemplateInfo, TemplateSource } from './types';
export { templateFromText } from './parse';
export {
  BUILT_IN_ORDER,
  decodeUtf8,
  isTemplateFile,
  loadTemplates,
  mergeTemplates,
  templateNamed,
  templatesFromTexts,
  type TemplateSet,
  type TemplateText,
} from './discover';
export { mention, renderTemplateSource, singleLine, tableCell, yamlScalar, TEMPLATE_HELPERS } from './render';
export { matchChoice, resolveFields } from './fields';
