/** `runbook reopen <file>`: a mitigated or resolved incident goes back to open; its timeline records the reopening. */
import { lifecycleCommand } from '../incident';

export const reopen = lifecycleCommand('reopen', 'set a mitigated or resolved incident back to open and add a "reopened" entry to its timeline', 'reopened');
