/** `runbook mitigate <file>`: the incident's status becomes mitigated and its timeline records the mitigation. */
import { lifecycleCommand } from '../incident';

export const mitigate = lifecycleCommand('mitigate', 'mark an incident mitigated and add a "mitigation" entry to its timeline', 'mitigation');
