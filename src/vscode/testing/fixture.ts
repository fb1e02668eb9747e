/**
 * Paths of the harness's fixture workspace (test/vscode/fixtures/workspace), which the integration suite opens. Each
 * run starts from a fresh copy, but specs share one copy: a spec that changes a file restores it or uses its own.
 */
export const FIXTURE = {
  storyPay: 'PAY-101',
  storyOps: 'OPS-7',
  runbook: '.agent/cache/runbooks/payments/PAY-100-runbook.md',
  rca: 'DOCS/incidents/2026-11-02-queue-stall-rca.md',
  postmortem: 'docs/post-mortems/2026-11-10-db-failover.md',
} as const;
