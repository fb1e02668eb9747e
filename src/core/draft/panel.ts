/**
 * The AI Governance Panel of seed 004: six roles, each asked for its part of the runbook, and the template sections
 * each part goes into. Sections are found in the rendered template by their heading (compared with `normalizeLabel`,
 * English or French); a role whose sections the template lacks gets one section of its own, added at the end.
 */

/** A section of the runbook a role writes. */
export interface PanelSection {
  /** The heading used when the template has no such section, and in prompts. */
  title: string;
  /** Matches the `normalizeLabel` of a template heading that is this section. */
  heading: RegExp;
  /** What the role writes there, for the prompt. */
  ask: string;
}

/** One member of the panel. */
export interface PanelRole {
  /** Without `@`, as the seed spells it. */
  role: string;
  /** What this role is on the panel for, for the prompt. */
  focus: string;
  /** The template sections this role writes, most important first. */
  sections: readonly PanelSection[];
  /** The section added at the end of the runbook when the template has none of `sections`. */
  fallback: PanelSection;
}

const PROPOSED_CHANGES: PanelSection = {
  title: 'Proposed Changes',
  heading: /^(?:proposed changes|changes|modifications(?: proposees)?|changements(?: proposes)?)$/,
  ask:
    'The files to change, grouped by component: a `### <Component>` heading, then one `#### [MODIFY] [file](path)`, ' +
    '`#### [NEW] [file](path)` or `#### [DELETE] [file](path)` heading per file, each followed by bullets saying what changes and why.',
};

/** In the order the seed lists them; the panel is asked in this order and later roles see the Architect's changes. */
export const PANEL: readonly PanelRole[] = [
  {
    role: 'Architect',
    focus: 'you make sure the design matches the story and the system architecture, and the changes are safe and step by step',
    sections: [
      PROPOSED_CHANGES,
      {
        title: 'Component Specification & Interface',
        heading: /^(?:component specification(?: & interface| and interface)?|specification(?: du composant)?(?: et interface)?|interfaces?)$/,
        ask: 'Entry and exit points (API requests and responses), data models, external dependencies, and whether the component is stateless or keeps state.',
      },
      {
        title: 'Logic & Design Patterns',
        heading: /^(?:logic(?: & design patterns| and design patterns)?|design patterns|logique(?: et patrons de conception)?)$/,
        ask: 'The architectural pattern, concurrency and behaviour under load, idempotency of writes and retries.',
      },
    ],
    fallback: PROPOSED_CHANGES,
  },
  {
    role: 'Security',
    focus: 'you make sure every security rule of the workspace is followed',
    sections: [
      {
        title: 'Implementation Guardrails',
        heading: /^(?:implementation guardrails|guardrails|garde-fous(?: d'implementation)?|securite)$/,
        ask: 'Security requirements (authentication, authorisation, secrets, data protection, input validation) and the risks of this change with their mitigations.',
      },
    ],
    fallback: {
      title: 'Security Requirements & Risks',
      heading: /^security requirements(?: & risks| and risks)?$/,
      ask: 'Security requirements (authentication, authorisation, secrets, data protection, input validation) and the risks of this change with their mitigations.',
    },
  },
  {
    role: 'QA',
    focus: 'you define the testing strategy and the key user flows',
    sections: [
      {
        title: 'Verification Plan',
        heading: /^(?:verification plan|verification|test plan|plan de verification|plan de test|tests)$/,
        ask: 'How each acceptance criterion is tested (unit, integration, end to end, manual), the regressions to guard against, and what is checked after deployment.',
      },
    ],
    fallback: {
      title: 'Verification Plan',
      heading: /^verification plan$/,
      ask: 'How each acceptance criterion is tested (unit, integration, end to end, manual), the regressions to guard against, and what is checked after deployment.',
    },
  },
  {
    role: 'Docs',
    focus: 'you make sure the documentation follows the change',
    sections: [
      {
        title: 'Deployment & Lifecycle',
        heading: /^(?:deployment(?: & lifecycle| and lifecycle)?|lifecycle|deploiement(?: et cycle de vie)?)$/,
        ask: 'The documentation to create or update (which files, what they must say), then the CI/CD and infrastructure steps that ship the change.',
      },
    ],
    fallback: {
      title: 'Documentation',
      heading: /^documentation$/,
      ask: 'The documentation to create or update: which files, and what they must say.',
    },
  },
  {
    role: 'Compliance',
    focus: 'you check the change against the regulatory and project rules',
    sections: [
      {
        title: 'Applicable Rules',
        heading: /^(?:applicable rules|rules|regles(?: applicables)?)$/,
        ask: 'Which of the workspace rules, ADRs and compliance documents apply to this change and why (name each file), and what the change must do to satisfy them.',
      },
    ],
    fallback: {
      title: 'Applicable Rules',
      heading: /^applicable rules$/,
      ask: 'Which of the workspace rules, ADRs and compliance documents apply to this change and why (name each file), and what the change must do to satisfy them.',
    },
  },
  {
    role: 'Observability',
    focus: 'you make sure logging and monitoring are sufficient',
    sections: [
      {
        title: 'Quality & Observability',
        heading: /^(?:quality(?: & observability| and observability)?|observability|qualite(?: et observabilite)?|observabilite)$/,
        ask: 'Structured logging (events and fields), metrics, health checks, dashboards and alerts (with thresholds) for this change.',
      },
    ],
    fallback: {
      title: 'Observability',
      heading: /^observability$/,
      ask: 'Structured logging (events and fields), metrics, health checks, dashboards and alerts (with thresholds) for this change.',
    },
  },
];
