/**
 * Timeline entries and sections at their edges: every separator and emphasis a time may carry, the source range of an
 * entry (nested items and continuation lines included, a BOM counted), table rows that are and are not entries, and
 * where the section is or where a new one goes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import type { Incident } from '../model';
import { parseDocument, parseDocumentWithRemark } from './document';

const FILE = 'docs/post-mortems/2026-11-12-x.md';

/** Both tree builders, held to the same result. */
function incidentOf(text: string): Incident {
  const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
  const oracle = parseDocumentWithRemark(text, { file: FILE, config: DEFAULT_CONFIG });
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), JSON.parse(JSON.stringify(oracle)), 'the fast path and remark agree');
  assert.ok(doc.incident, 'an incident');
  return doc.incident;
}

test('entry times: one or two hour digits, bold or underscored, then any separator (-, –, —, :, |) or none', () => {
  const lines = ['- 9:05 one digit', '- __10:15__ underscored', '- 10:20 - hyphen', '- 10:25 – en dash', '- 10:30 — em dash', '- 10:35: colon', '- 10:40 | pipe', '- 10:45no blank'];
  const timeline = incidentOf(['# Post-mortem: x', '', '## Timeline', ...lines, ''].join('\n')).timeline;
  assert.deepEqual(
    timeline.map((entry) => [entry.time, entry.text, entry.at]),
    [
      ['9:05', 'one digit', '2026-11-12T09:05'],
      ['10:15', 'underscored', '2026-11-12T10:15'],
      ['10:20', 'hyphen', '2026-11-12T10:20'],
      ['10:25', 'en dash', '2026-11-12T10:25'],
      ['10:30', 'em dash', '2026-11-12T10:30'],
      ['10:35', 'colon', '2026-11-12T10:35'],
      ['10:40', 'pipe', '2026-11-12T10:40'],
      ['10:45', 'no blank', '2026-11-12T10:45'],
    ],
  );
  // Not a time: three hour digits, one minute digit, a time later in the text.
  const none = ['- 100:05 x', '- 10:5 x', '- at 10:05 x'];
  assert.deepEqual(incidentOf(['# Post-mortem: x', '', '## Timeline', ...none, ''].join('\n')).timeline, []);
});

test('entry ranges: from the start of its first line to the end of its last, nested items and continuation lines included', () => {
  const text = ['# Post-mortem: x', '', '## Timeline', '- 09:00 alert', '  continued here', '  - nested detail', '    more', '- 09:10 next', ''].join('\n');
  const [first, second] = incidentOf(text).timeline;
  assert.equal(text.slice(first.start, first.end), '- 09:00 alert\n  continued here\n  - nested detail\n    more');
  assert.equal(text.slice(second.start, second.end), '- 09:10 next');
  assert.deepEqual([first.line, second.line, first.form], [4, 8, 'list']);
  // With a BOM and an indented list, the range still starts at the line start and ends before the line break.
  const bom = '\uFEFF' + ['# Post-mortem: x', '', '## Timeline', ' - 09:00 alert', '   wrapped', ' - 09:10 next', ''].join('\r\n');
  const [a, b] = incidentOf(bom).timeline;
  assert.equal(bom.slice(a.start, a.end), ' - 09:00 alert\r\n   wrapped');
  assert.equal(bom.slice(b.start, b.end), ' - 09:10 next');
});

test('table entries: a time alone in the first cell and at least one cell more (a short row has none); the row\'s whole line is its range', () => {
  const text = ['# Post-mortem: x', '', '## Timeline', '', '| Time | What |', '|---|---|', '| 09:00 | paged |', '| 09:05 |', '| 09:10 | a | b |', ''].join('\n');
  const timeline = incidentOf(text).timeline;
  assert.deepEqual(
    timeline.map((entry) => [entry.time, entry.text, entry.form, text.slice(entry.start, entry.end)]),
    [
      ['09:00', 'paged', 'table', '| 09:00 | paged |'],
      ['09:10', 'a — b', 'table', '| 09:10 | a | b |'],
    ],
  );
  const single = ['# Post-mortem: x', '', '## Timeline', '', '| Time |', '|---|', '| 09:00 |', ''].join('\n');
  assert.deepEqual(incidentOf(single).timeline, [], 'a one-column table has no entries');
});

test('the timeline section: heading line and end, content up to the next heading of any level; the first one only', () => {
  const text = ['# Post-mortem: x', '', '## Timeline', '- 09:00 a', '', '### Detail', '- 09:30 b', '', '## Timeline', '- 10:00 c', ''].join('\n');
  const incident = incidentOf(text);
  const section = incident.timelineSection!;
  assert.equal(section.headingLine, 3);
  assert.equal(text.slice(0, section.headingEnd), '# Post-mortem: x\n\n## Timeline');
  assert.equal(text.slice(section.headingEnd, section.contentEnd), '\n- 09:00 a\n\n');
  assert.deepEqual(incident.timeline.map((entry) => entry.time), ['09:00', '09:30', '10:00'], 'entries from every timeline section and its sub-sections');
  // The last section runs to the end of the text; a BOM is counted.
  const last = '\uFEFF# Post-mortem: x\n\n## Chronologie\n- 09:00 a\n';
  const lastSection = incidentOf(last).timelineSection!;
  assert.deepEqual([last.slice(0, lastSection.headingEnd), lastSection.contentEnd], ['\uFEFF# Post-mortem: x\n\n## Chronologie', last.length]);
  assert.equal(incidentOf('# Post-mortem: x\n\n## Impact\n').timelineSection, null);
});

test('where a new timeline section goes: before the heading after the title, or at the end', () => {
  const text = 'Intro\n\n## Summary\n\n# Post-mortem: x\n\nSome text.\n\n## Impact\n- Users: 3\n';
  assert.equal(text.slice(incidentOf(text).sectionInsertOffset), '## Impact\n- Users: 3\n');
  const noHeading = 'Just text, no heading.\n';
  assert.equal(incidentOf(noHeading).sectionInsertOffset, noHeading.length);
  const titleOnly = '# Post-mortem: x\n\ntext\n';
  assert.equal(incidentOf(titleOnly).sectionInsertOffset, titleOnly.length);
  // Without a level-1 heading, the first heading is the title.
  const noH1 = '\uFEFF## Post-mortem: x\n\ntext\n\n### Impact\n';
  assert.equal(noH1.slice(incidentOf(noH1).sectionInsertOffset), '### Impact\n');
});
