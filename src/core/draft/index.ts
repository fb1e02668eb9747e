/** Runbooks drafted by the AI Governance Panel through a model the front end passes in; nothing here writes or talks to a network. */
export { MAX_ANSWER_LENGTH, planDraft, type DraftedDocument, type DraftModel, type DraftOptions, type DraftProgress, type DraftReport, type DraftRequest } from './draft';
export { readGovernance, describeLeftOut, type Governance, type GovernanceFile, type LeftOutFile } from './governance';
export { DRAFT_NOTICE, describeRemovals } from './note';
export { PANEL, type PanelRole, type PanelSection } from './panel';
export { hasApprovalRecord, isStatusLine, sanitizeAnswer, type CleanAnswer, type RemovalKind, type Removals } from './sanitize';
