/** `runbook resolve <file>`: the incident's status becomes resolved and its timeline records the restoration. */
import { lifecycleCommand } from '../incident';

export const resolve = lifecycleCommand('resolve', 'mark an incident resolved and add a "service restored" entry to its timeline', 'service restored');
