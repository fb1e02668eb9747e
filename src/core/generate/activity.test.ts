import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { applyEdits } from '../edits';
import { RunbookError } from '../errors';
import { parseDocument } from '../parse/document';
import { activityEdits, activityLine, type ActivityEntry } from './activity';
import { resolutionSideUpdates } from './side-updates';

const ENTRY: ActivityEntry = {
  kind: 'rca',
  title: 'Gateway auth outage',
  severity: 'SEV2',
  date: '2026-11-02',
  summary: '6/10 agents failed after a deploy.',
  file: 'DOCS/incidents/2026-11-02-gateway-auth-outage-rca.md',
};
const LINE = '- [system] **INCIDENT — SEV-2 Gateway auth outage (2026-11-02).** 6/10 agents failed after a deploy. Full RCA: `DOCS/incidents/2026-11-02-gateway-auth-outage-rca.md`';

const insert = (text: string, entry = ENTRY) => applyEdits(text, activityEdits(text, 'fleet-status.md', entry));

test('the line is the seed\'s format, on one line whatever the title and summary hold', () => {
  assert.equal(activityLine(ENTRY), LINE);
  assert.equal(
    activityLine({ ...ENTRY, kind: 'postmortem', severity: 'P1', title: 'Two\nlines', summary: 'Done..  ', file: 'docs/post-mortems/x.md' }),
    '- [system] **INCIDENT — P1 Two lines (2026-11-02).** Done. Post-mortem: `docs/post-mortems/x.md`',
  );
});

test('inserted at the top of the Recent Activity list, nothing else touched', () => {
  const text = '# Fleet status\n\n## Agents\n- a1 ok\n\n## Recent Activity\nWhat happened lately.\n\n- [docs] older entry\n- [ops] oldest\n\n## Next\n- x\n';
  assert.equal(insert(text), text.replace('\n- [docs] older entry', `\n${LINE}\n- [docs] older entry`));
});

test('CRLF is kept; an empty section or one without a list gets the line after its content', () => {
  const crlf = '# Fleet\r\n\r\n## Recent activity\r\n- [docs] older\r\n';
  assert.equal(insert(crlf), `# Fleet\r\n\r\n## Recent activity\r\n${LINE}\r\n- [docs] older\r\n`);
  assert.equal(insert('## Recent Activity\n\n## Next\n'), `## Recent Activity\n${LINE}\n\n## Next\n`);
  assert.equal(insert('## Recent Activity\nQuiet so far.\n## Next\n'), `## Recent Activity\nQuiet so far.\n\n${LINE}\n## Next\n`);
  assert.equal(insert('## Activité récente\r\n- x'), `## Activité récente\r\n${LINE}\r\n- x`);
});

test('a heading inside fenced code is not the section; no section is a clear error naming the file', () => {
  const text = '```\n## Recent Activity\n- not this\n```\n\n## Recent Activity\n- real\n';
  assert.equal(insert(text), text.replace('- real', `${LINE}\n- real`));
  assert.throws(() => insert('# Fleet\n- x\n'), /fleet-status\.md has no "Recent Activity" section/);
});

test('resolving an incident makes an activity side update with the root cause, only when activityFile is set', () => {
  const doc = parseDocument('---\nkind: rca\ntitle: Queue stall\ndate: 2026-11-20\nseverity: SEV-2\nstatus: open\n---\n# RCA: Queue stall\n\n## Root cause(s)\nA poison message. Then more.\n', {
    file: 'DOCS/incidents/q-rca.md',
    config: DEFAULT_CONFIG,
  });
  assert.deepEqual(resolutionSideUpdates(doc, '2026-11-20T10:30', DEFAULT_CONFIG), []);
  const [update] = resolutionSideUpdates(doc, '2026-11-20T10:30', { ...DEFAULT_CONFIG, activityFile: 'fleet-status.md' });
  assert.equal(update.file, 'fleet-status.md');
  assert.equal(
    applyEdits('## Recent Activity\n', update.edits('## Recent Activity\n')),
    '## Recent Activity\n- [system] **INCIDENT — SEV-2 Queue stall (2026-11-20).** Resolved at 2026-11-20 10:30. Root cause: A poison message. Full RCA: `DOCS/incidents/q-rca.md`\n',
  );
});

test('the line without severity or date says SEV-? and no parentheses; a title is trimmed; backticks leave the path', () => {
  assert.equal(
    activityLine({ ...ENTRY, severity: null, date: null, title: '\n  Disk full \r\n', file: 'DOCS/a`b`.md' }),
    '- [system] **INCIDENT — SEV-? Disk full.** 6/10 agents failed after a deploy. Full RCA: `DOCS/ab.md`',
  );
  assert.equal(activityLine({ ...ENTRY, severity: 'P0' }), LINE.replace('SEV-2', 'P0'), 'P0–P3 as they are');
});

test('only a heading that is exactly "Recent Activity" (or "Activité récente") is the section', () => {
  const text = '## Recent Activity archive\n- kept\n\n## Older recent activity\n- kept too\n\n## Recent Activity\n- real\n';
  assert.equal(insert(text), text.replace('- real', `${LINE}\n- real`));
  assert.equal(insert('## Activités récentes\n- x\n'), `## Activités récentes\n${LINE}\n- x\n`);
});

test('"#" at the start of a heading only when a blank follows, never inside a line; a BOM starts the file, nowhere else', () => {
  // Mid-line "##" is text: the section is the real heading below it.
  const mention = 'Also see ## Recent Activity\nplain\n\n## Recent Activity\n- real\n';
  assert.equal(insert(mention), mention.replace('- real', `${LINE}\n- real`));
  // "#ops" is text (no blank after the #), so it is the section's last content, not a heading that ends it.
  assert.equal(insert('## Recent Activity\nQuiet.\n#ops knows\n'), `## Recent Activity\nQuiet.\n#ops knows\n\n${LINE}\n`);
  // A byte-order mark before the first heading is dropped; one after the "#" makes it no heading.
  assert.equal(insert('\uFEFF## Recent Activity\n- x\n'), `\uFEFF## Recent Activity\n${LINE}\n- x\n`);
  assert.throws(() => insert('#\uFEFF Recent Activity\n- x\n'), /has no "Recent Activity" section/);
});

test('a list item only at the start of a line; a deeper heading stays in the section; a blank line is no content', () => {
  assert.equal(insert('## Recent Activity\nQuiet - nothing yet.\n'), `## Recent Activity\nQuiet - nothing yet.\n\n${LINE}\n`);
  assert.equal(insert('## Recent Activity\n### November\n- item\n'), `## Recent Activity\n### November\n${LINE}\n- item\n`);
  assert.equal(insert('## Recent Activity\n   \t\n## Next\n'), `## Recent Activity\n${LINE}\n   \t\n## Next\n`);
});

test('fences: only three backticks or tildes at a line start open one; it closes on an indented fence, not on a line ending in one', () => {
  for (const opener of ['`inline` code first', '~approximately', 'Write ```x``` inline']) {
    const text = `${opener}\n## Recent Activity\n- real\n`;
    assert.equal(insert(text), text.replace('- real', `${LINE}\n- real`), opener);
  }
  const code = '## Recent Activity\n~~~\necho ~~~\n- in the code\n  ~~~\n- real\n';
  assert.equal(insert(code), code.replace('- real', `${LINE}\n- real`));
  const unordered = '## Recent Activity\n```\n- not an item\n```\n- real\n';
  assert.equal(insert(unordered), unordered.replace('- real', `${LINE}\n- real`));
  // A section with only code: the line after the closing fence. A fence before the section is not its content.
  assert.equal(insert('## Recent Activity\n```\ncode\n```\n## Next\n'), `## Recent Activity\n\`\`\`\ncode\n\`\`\`\n\n${LINE}\n## Next\n`);
  assert.equal(insert('```\nx\n```\n## Recent Activity\n## Next\n'), `\`\`\`\nx\n\`\`\`\n## Recent Activity\n${LINE}\n## Next\n`);
});

test('no section: a domain error naming the file, in English and French', () => {
  assert.throws(
    () => activityEdits('# Fleet\n', 'ops/fleet-status.md', ENTRY),
    (error: unknown) => {
      assert.ok(error instanceof RunbookError);
      assert.deepEqual([error.code, error.kind], ['no-activity-section', 'domain']);
      assert.equal(error.message, 'ops/fleet-status.md has no "Recent Activity" section to add the incident to');
      assert.equal(error.messageIn('fr'), "ops/fleet-status.md n'a pas de section « Recent Activity » (ou « Activité récente ») où ajouter l'incident");
      return true;
    },
  );
});

test('a fence closes only on the same character, as long or longer, at most 3 spaces in, with nothing after (CommonMark)', () => {
  // Each of these lines is code inside the ``` block, so "- in the code" is no list item of the section.
  const code = '## Recent Activity\n```\n```bash\n    ```\n~~~\n``\n- in the code\n````  \n- real\n';
  assert.equal(insert(code), code.replace('- real', `${LINE}\n- real`));
  const long = '## Recent Activity\n~~~~\n~~~\n- in the code\n~~~~~\n- real\n';
  assert.equal(insert(long), long.replace('- real', `${LINE}\n- real`), 'a shorter fence does not close a longer one');
  // A line of backticks with a backtick after them is inline code, not a fence: the section after it is found.
  const inline = '```x``` is inline code\n## Recent Activity\n- real\n';
  assert.equal(insert(inline), inline.replace('- real', `${LINE}\n- real`));
  assert.equal(insert('## Recent Activity\n```js\nx\n```\n- real\n'), `## Recent Activity\n\`\`\`js\nx\n\`\`\`\n${LINE}\n- real\n`, 'an info string opens');
});
