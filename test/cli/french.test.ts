/** French through the built CLI: templates chosen by --lang or the language setting, and messages under LANG=fr. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../dist/cli.js');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, RUNBOOK_NOW: '2026-11-12T16:30', LANG: 'C', LC_ALL: 'C', ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function workspace(config: object = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-french-'));
  mkdirSync(join(root, '.runbook'));
  writeFileSync(join(root, '.runbook/config.json'), JSON.stringify(config));
  return root;
}

test('new --lang fr writes the French template; the language setting does the same; --lang en wins over it', () => {
  const root = workspace();
  const created = run(['new', 'postmortem', '--title', 'Panne réseau', '--sev', 'SEV1', '--lang', 'fr'], root);
  assert.equal(created.code, 0, created.stderr);
  const text = readFileSync(join(root, created.stdout.trim()), 'utf8');
  assert.match(text, /^# Post-mortem : Panne réseau$/m);
  assert.match(text, /^## Pourquoi notre monitoring n'a pas alerté plus tôt \?$/m);
  assert.match(text, /^## Mention blameless$/m);

  const french = workspace({ language: 'fr' });
  const handoff = run(['new', 'handoff', '--title', 'Plafond', '--field', 'urgency=P1'], french);
  assert.match(readFileSync(join(french, handoff.stdout.trim()), 'utf8'), /^## Décision$/m);
  const english = run(['new', 'incident-runbook', '--title', 'Disk full', '--lang', 'en'], french);
  assert.match(readFileSync(join(french, english.stdout.trim()), 'utf8'), /^## Symptoms$/m);
  const runbook = run(['new', 'incident-runbook', '--title', 'Disque plein'], french);
  assert.match(readFileSync(join(french, runbook.stdout.trim()), 'utf8'), /^## Symptômes\n[^]*^## Diagnostic \(étapes\)\n[^]*^## Résolution \(étapes\)\n[^]*^## Prévention future\n[^]*^## Rollback \/ escalade$/m);

  assert.equal(run(['new', 'rca', '--title', 'x', '--sev', '2', '--lang', 'de'], root).code, 2);
  const bad = run(['incidents'], workspace({ language: 'de' }));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /"language" must be one of "", "en", "fr", null, found "de"/);
});

test('LANG=fr: check findings, the summary and the CLI\'s own lines are in French', () => {
  const root = workspace();
  mkdirSync(join(root, 'docs/post-mortems'), { recursive: true });
  writeFileSync(join(root, 'docs/post-mortems/2026-11-12-panne.md'), '---\nkind: postmortem\nseverity: SEV3\ndate: 2026-11-12\nstatus: open\n---\n# Post-mortem : Panne\n\n## Action items\n- [ ] AI 1 : Sonde (due 2026-11-01)\n');
  const fr = { LANG: 'fr_FR.UTF-8', LC_ALL: '' };
  const checked = run(['check', '--no-cache'], root, fr);
  assert.equal(
    checked.stdout,
    [
      'docs/post-mortems/2026-11-12-panne.md:10  warning  action-no-owner  action sans responsable : AI 1 : Sonde',
      'docs/post-mortems/2026-11-12-panne.md:10  warning  action-overdue   action en retard depuis le 2026-11-01 : AI 1 : Sonde',
      '0 erreur, 2 avertissements dans 1 document vérifié',
      '',
    ].join('\n'),
  );
  const created = run(['new', 'handoff', '--title', 'Plafond', '--field', 'urgency=P1', '--lang', 'fr'], root, fr);
  const file = created.stdout.trim();
  assert.equal(run(['handoffs'], root, fr).stdout, `P1  OUVERTE  depuis 0 j  Plafond  ${file}:9\n`);
  assert.equal(run(['decide', file, '--decision', 'Oui.', '--by', 'Léa'], root, fr).stdout, `${file} : décidé par Léa le 2026-11-12\n`);
  assert.match(readFileSync(join(root, file), 'utf8'), /## Décision\nOui\.\n\nDécidé par Léa le 2026-11-12\n$/);
  assert.equal(run(['report', '--out', 'rapport.md'], root, fr).stdout, 'rapport écrit dans rapport.md\n');
  assert.match(readFileSync(join(root, 'rapport.md'), 'utf8'), /^# Rapport Runbook Kit — 2026-11-12 16:30$/m);
});

test('LANG=fr: the parser\'s and the walk\'s findings too (frontmatter, not UTF-8, a link to nowhere), the same files in English under LANG=C', () => {
  const root = workspace();
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs/entete.md'), '---\nkind: runbook\n# Titre\n');
  writeFileSync(join(root, 'docs/latin1.md'), Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
  symlinkSync('absent.md', join(root, 'docs/lien.md'));
  const french = run(['check', '--no-cache'], root, { LANG: 'fr_FR.UTF-8', LC_ALL: '' });
  assert.equal(french.code, 1, french.stderr);
  assert.equal(
    french.stdout,
    [
      'docs/entete.md:1  error    frontmatter-malformed  le frontmatter commence par « --- » en ligne 1 mais n’est jamais fermé',
      'docs/latin1.md:1  error    file-unreadable        pas en UTF-8 valide (premier octet invalide en ligne 1) ; enregistrez le fichier en UTF-8',
      'docs/lien.md:1    warning  path-skipped           non lu : un lien qui ne mène nulle part (ENOENT)',
      '2 erreurs, 1 avertissement dans 3 documents vérifiés',
      '',
    ].join('\n'),
  );
  const english = run(['check', '--no-cache'], root);
  assert.match(english.stdout, /frontmatter-malformed {2}frontmatter starts with "---" on line 1 but is never closed\n/);
  assert.match(english.stdout, /path-skipped {11}not read: a link that leads nowhere \(ENOENT\)\n/);
});
