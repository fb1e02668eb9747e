/**
 * The pieces of generate/ a new document's path and side updates go through, at their edges: path normalisation and
 * every refusal with its message, plain names for story IDs and scopes, history rows for every column kind, and the
 * message when a side update fails after the document was written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { applyEdits } from '../edits';
import { bilingual, RunbookError } from '../errors';
import type { TemplateInfo } from '../templates/types';
import { incidentHistoryEdits, relativeLink, type IncidentSummary } from './incident-history';
import { checkPathName, joinPath, workspacePath } from './paths';
import { sideUpdateFailure, sideUpdatesFor } from './side-updates';

function refusedPath(path: string, message: string): void {
  assert.throws(
    () => workspacePath(path, 'the template path'),
    (error: unknown) => {
      assert.ok(error instanceof RunbookError);
      assert.equal(error.code, 'outside-workspace');
      assert.equal(error.kind, 'usage');
      assert.equal(error.message, `the template path "${path}" ${message}; nothing was written`);
      assert.deepEqual(error.details, { path });
      return true;
    },
  );
}

test('workspacePath: normalised inside the workspace', () => {
  assert.equal(workspacePath('a/./b/../c.md', 'x'), 'a/c.md');
  assert.equal(workspacePath(' docs\\runbooks\\x.md ', 'x'), 'docs/runbooks/x.md');
  assert.equal(workspacePath('a//b/', 'x'), 'a/b');
  assert.equal(workspacePath('a/../b.md', 'x'), 'b.md');
  assert.equal(workspacePath('..a/b..', 'x'), '..a/b..', 'dots inside a name are a name');
  assert.equal(workspacePath('notes/a:b.md', 'x'), 'notes/a:b.md', 'a colon after the first character is not a drive');
});

test('workspacePath: every refusal says why', () => {
  refusedPath('', 'is empty');
  refusedPath('   ', 'is empty');
  refusedPath('a/\u0007b.md', 'contains control characters');
  refusedPath('a\nb.md', 'contains control characters');
  for (const absolute of ['/etc/passwd', 'C:/x.md', 'c:x.md', '~/x.md', '\\\\server\\share\\x.md']) {
    refusedPath(absolute, 'is absolute; paths are relative to the workspace root');
  }
  refusedPath('../x.md', 'is outside the workspace');
  refusedPath('a/../../x.md', 'is outside the workspace');
  refusedPath('.', 'names the workspace root, not a file');
  refusedPath('a/..', 'names the workspace root, not a file');
});

test('joinPath: the workspace root adds no folder', () => {
  assert.equal(joinPath('', 'x.md'), 'x.md');
  assert.equal(joinPath('.', 'x.md'), 'x.md');
  assert.equal(joinPath('docs', 'x.md'), 'docs/x.md');
});

test('checkPathName: one plain name, or a usage error naming what and the value', () => {
  assert.equal(checkPathName('PAY-142', 'story ID'), 'PAY-142');
  assert.equal(checkPathName('v1.2_x', 'scope'), 'v1.2_x');
  for (const [value, what, key] of [
    ['../x', 'story ID', 'storyId'],
    ['a..b', 'scope', 'scope'],
    ['a/b', 'scope', 'scope'],
    ['-x', 'story ID', 'storyId'],
    ['', 'story ID', 'storyId'],
  ] as const) {
    assert.throws(
      () => checkPathName(value, what),
      (error: unknown) => {
        assert.ok(error instanceof RunbookError);
        assert.equal(error.code, 'outside-workspace');
        assert.equal(error.kind, 'usage');
        assert.equal(
          error.message,
          `invalid ${what} "${value}": it becomes part of a file path, so it must be letters, digits, ".", "_" or "-", starting with a letter or digit`,
        );
        assert.deepEqual(error.details, { [key]: value });
        return true;
      },
    );
  }
});

test('relativeLink: up from the history folder, down to the incident; same folder; ./ and empty parts ignored', () => {
  assert.equal(relativeLink('docs/runbooks', 'docs/runbooks/x.md'), 'x.md');
  assert.equal(relativeLink('./docs//runbooks/', 'docs/post-mortems/y.md'), '../post-mortems/y.md');
  assert.equal(relativeLink('a/b/c', 'a/x.md'), '../../x.md');
  assert.equal(relativeLink('a', 'a'), '../a', 'a file named like the folder is still a file beside it');
  assert.equal(relativeLink('', ''), '.');
  assert.equal(relativeLink('docs', './docs//x.md'), 'x.md', 'the target\'s ./ and empty parts too');
});

const INCIDENT: IncidentSummary = { kind: 'rca', title: 'Queue | stall', date: '2026-11-20', severity: 'SEV2', status: 'open' };

test('history row: each column kind filled from the incident, English and French; unknown columns left empty', () => {
  const header = ['Date', 'Sev', 'Summary', 'RCA', 'Status', 'Owner', 'Date de début', 'Severity', 'Titre', 'Lien', 'Statut', 'Post mortem'];
  const text = `## Incident History\n\n| ${header.join(' | ')} |\n|${header.map(() => '---|').join('')}\n`;
  const result = applyEdits(text, incidentHistoryEdits(text, 'HISTORY.md', INCIDENT, 'DOCS/incidents/a b.md'));
  const row = result.trimEnd().split('\n').pop();
  assert.equal(
    row,
    '| 2026-11-20 | SEV2 | Queue \\| stall | [RCA](DOCS/incidents/a%20b.md) | open |  | 2026-11-20 | SEV2 | Queue \\| stall | [RCA](DOCS/incidents/a%20b.md) | open | [RCA](DOCS/incidents/a%20b.md) |',
  );
  const postmortem = applyEdits(text, incidentHistoryEdits(text, 'HISTORY.md', { ...INCIDENT, kind: 'postmortem', date: null, severity: null }, 'p.md'));
  assert.match(postmortem, /\n\|  \|  \| Queue \\\| stall \| \[Post-mortem\]\(p\.md\) \| open \|/);
});

test('history columns: only whole column names count (not "old severity" or "status note"); "postmortem" is a link', () => {
  const header = ['Update date', 'Old severity', 'Severity level', 'Short summary', 'Summary text', 'Old link', 'Link text', 'Old status', 'Status note', 'Postmortem'];
  const text = `## Incident History\n\n| ${header.join(' | ')} |\n|${header.map(() => '---|').join('')}\n`;
  const row = applyEdits(text, incidentHistoryEdits(text, 'HISTORY.md', INCIDENT, 'i.md')).trimEnd().split('\n').pop();
  assert.equal(row, '|  |  |  |  |  |  |  |  |  | [RCA](i.md) |');
});

test('history: the table under the heading even after a paragraph; "old incident history" and "history notes" are other headings', () => {
  const text = '## Old incident history\n\n| Title |\n|---|\n| a |\n\n## History notes\n\n| Title |\n|---|\n| b |\n\n## Incident History\n\nEvery incident, newest last.\n\n| Title |\n|---|\n| c |\n';
  assert.match(applyEdits(text, incidentHistoryEdits(text, 'p.md', INCIDENT, 'i.md')), /\| c \|\n\| Queue \\\| stall \|\n$/);
});

test('history: the first table under a history heading (any of its names), not a table elsewhere', () => {
  for (const heading of ['Incident History', 'Historique des incidents', 'Incidents history', 'History']) {
    const text = `# P\n\n| x |\n|---|\n\n## ${heading}\n\n| Title |\n|---|\n| old |\n`;
    assert.match(applyEdits(text, incidentHistoryEdits(text, 'p.md', INCIDENT, 'i.md')), /\| old \|\n\| Queue \\\| stall \|\n$/, heading);
  }
  assert.throws(() => incidentHistoryEdits('## Histories\n\n| Title |\n|---|\n', 'p.md', INCIDENT, 'i.md'), /has no table under an "Incident History" heading/);
  assert.throws(
    () => incidentHistoryEdits('## Incident History\n\nnone yet\n', 'docs/p.md', INCIDENT, 'i.md'),
    (error: unknown) => error instanceof RunbookError && error.code === 'no-history-table' && error.kind === 'domain',
  );
});

const template = (kind: TemplateInfo['kind']): TemplateInfo => ({ kind, name: kind }) as TemplateInfo;

test('side updates: an RCA or post-mortem adds a history row when a history file is configured; nothing else does', () => {
  const config = { ...DEFAULT_CONFIG, incidentHistoryFile: 'docs/history.md' };
  const fields = { title: 'Disk', date: '2026-11-20', sev: '2' };
  for (const kind of ['rca', 'postmortem'] as const) {
    const [update, ...rest] = sideUpdatesFor(template(kind), fields, 'docs/post-mortems/x.md', config);
    assert.deepEqual(rest, []);
    assert.equal(update.file, 'docs/history.md');
    assert.equal(update.what, 'the incident history');
    const text = '## Incident History\n\n| Date | Sev | Summary | Link |\n|---|---|---|---|\n';
    assert.equal(
      applyEdits(text, update.edits(text)).trimEnd().split('\n').at(-1),
      `| 2026-11-20 | SEV2 | Disk | [${kind === 'rca' ? 'RCA' : 'Post-mortem'}](post-mortems/x.md) |`,
    );
  }
  assert.deepEqual(sideUpdatesFor(template('runbook'), fields, 'x.md', config), []);
  assert.deepEqual(sideUpdatesFor(template('rca'), fields, 'x.md', DEFAULT_CONFIG), [], 'no history file configured');
  const [untitled] = sideUpdatesFor(template('rca'), {}, 'DOCS/incidents/x-rca.md', config);
  const text = '## Incident History\n\n| Date | Severity | Title |\n|---|---|---|\n';
  assert.equal(applyEdits(text, untitled.edits(text)).trimEnd().split('\n').at(-1), '|  |  | DOCS/incidents/x-rca.md |', 'no title: the path; no date, no severity');
  const [severity] = sideUpdatesFor(template('rca'), { title: 't', severity: 'sev-1' }, 'x.md', config);
  assert.equal(applyEdits(text, severity.edits(text)).trimEnd().split('\n').at(-1), '|  | SEV1 | t |');
});

test('a failed side update: the message says the document was created and why the update was not made', () => {
  const update = { file: 'h.md', what: 'the incident history', whatFr: "l'historique des incidents", edits: () => [] };
  const domain = sideUpdateFailure('DOCS/incidents/x.md', update, new RunbookError('no-history-table', 'h.md has no table', 'domain', { a: 1 }));
  assert.ok(domain instanceof RunbookError);
  assert.equal(domain.message, 'DOCS/incidents/x.md was created, but the incident history was not updated: h.md has no table');
  const french = sideUpdateFailure('x.md', update, new RunbookError('no-history-table', bilingual('h.md has no table', "h.md n'a pas de tableau")), 'resolved');
  assert.equal((french as RunbookError).messageIn('fr'), "x.md a été résolu, mais l'historique des incidents n'a pas été mis à jour : h.md n'a pas de tableau");
  assert.equal(domain.code, 'no-history-table');
  assert.equal(domain.kind, 'domain');
  assert.deepEqual(domain.details, { a: 1 });
  // The host's own failure (permissions, a full disk) is a domain error naming the file, not an internal one.
  const denied = sideUpdateFailure('x.md', update, Object.assign(new Error('EACCES: permission denied, open h.md'), { code: 'EACCES' }));
  assert.ok(denied instanceof RunbookError);
  assert.deepEqual([denied.code, denied.kind, denied.details], ['side-update-failed', 'domain', { file: 'h.md', code: 'EACCES' }]);
  assert.equal(denied.messageIn('fr'), "x.md a été créé, mais l'historique des incidents n'a pas été mis à jour : EACCES: permission denied, open h.md");
  // Anything else is a bug: a plain Error, which the CLI reports as internal.
  const plain = sideUpdateFailure('x.md', update, new Error('EACCES'));
  assert.ok(!(plain instanceof RunbookError));
  assert.equal(plain.message, 'x.md was created, but the incident history was not updated: EACCES');
  assert.equal(sideUpdateFailure('x.md', update, 'odd').message, 'x.md was created, but the incident history was not updated: odd');
});

/** `workspacePath` refuses `path` with this reason in English and in French, naming where the path came from. */
function refusedIn(path: string, why: string, whyFr: string): void {
  assert.throws(
    () => workspacePath(path, bilingual('the template path', 'le chemin du modèle')),
    (error: unknown) => {
      assert.ok(error instanceof RunbookError);
      assert.deepEqual([error.code, error.kind, error.details], ['outside-workspace', 'usage', { path }]);
      assert.equal(error.message, `the template path "${path}" ${why}; nothing was written`);
      assert.equal(error.messageIn('fr'), `le chemin du modèle « ${path} » ${whyFr} ; rien n'a été écrit`);
      return true;
    },
  );
}

test('workspacePath: every refusal in French too', () => {
  refusedIn(' ', 'is empty', 'est vide');
  refusedIn('a/\tb.md', 'contains control characters', 'contient des caractères de contrôle');
  refusedIn('/x.md', 'is absolute; paths are relative to the workspace root', "est absolu ; les chemins sont relatifs à la racine de l'espace de travail");
  refusedIn('../x.md', 'is outside the workspace', "est hors de l'espace de travail");
  refusedIn('./', 'names the workspace root, not a file', "désigne la racine de l'espace de travail, pas un fichier");
});

test('workspacePath: never inside a version-control folder of any system, whatever its case, at any depth', () => {
  for (const folder of ['.git', '.hg', '.svn', '.bzr', '_darcs', 'cvs', '.jj', '.pijul', '.fslckout']) {
    refusedIn(`docs/${folder}/x.md`, `is inside the version-control folder ${folder}`, `est dans le dossier de gestion de versions ${folder}`);
  }
  refusedIn('.GIT/hooks/pre-commit', 'is inside the version-control folder .GIT', 'est dans le dossier de gestion de versions .GIT');
  refusedIn('a/CVS/Entries', 'is inside the version-control folder CVS', 'est dans le dossier de gestion de versions CVS');
  refusedIn('x/../.Hg/y.md', 'is inside the version-control folder .Hg', 'est dans le dossier de gestion de versions .Hg');
  assert.equal(workspacePath('docs/.github/x.md', 'x'), 'docs/.github/x.md', 'a name that only starts like one is a folder like any other');
  assert.equal(workspacePath('git/cvs.md', 'x'), 'git/cvs.md');
});

test('checkPathName: the French message names a story ID or a scope', () => {
  const rule = "il fait partie d'un chemin de fichier, il doit donc être fait de lettres, chiffres, « . », « _ » ou « - », en commençant par une lettre ou un chiffre";
  for (const [value, what, fr] of [
    ['../x', 'story ID', 'ID de story'],
    ['a/b', 'scope', 'périmètre'],
  ] as const) {
    assert.throws(
      () => checkPathName(value, what),
      (error: unknown) => error instanceof RunbookError && error.messageIn('fr') === `${fr} invalide « ${value} » : ${rule}`,
    );
  }
});
