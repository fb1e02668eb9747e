/**
 * Disable directives read from HTML: several comments in one node with the line each starts on and spans, rule names
 * folded to lower case, every kind, near misses ignored; from a tree, in reading order, or as the fast tree recorded them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'mdast';
import type { DisableDirective } from '../model';
import { directivesInHtml, disablesOfTree } from './disables';
import { markdownToTree } from './mdast';

test('directivesInHtml: each comment\'s kind, rules, first and last line', () => {
  const html = '<!-- runbook-disable-next-line Action-Overdue  owner-missing -->\n<!-- a plain comment -->\n<!--\nrunbook-disable\n-->\n<!-- runbook-enable-file -->';
  assert.deepEqual(directivesInHtml(html, 10), [
    { kind: 'disable-next-line', rules: ['action-overdue', 'owner-missing'], line: 10, endLine: 10 },
    { kind: 'disable', rules: [], line: 12, endLine: 14 },
    { kind: 'enable-file', rules: [], line: 15, endLine: 15 },
  ]);
  for (const kind of ['disable-line', 'disable-file', 'enable']) {
    assert.deepEqual(directivesInHtml(`<!-- runbook-${kind} x -->`, 1).map((found) => found.kind), [kind], kind);
  }
});

test('directivesInHtml: near misses are no directive', () => {
  for (const html of ['<!-- runbook-disabled x -->', '<!-- markdownlint-disable x -->', '<!-- note: runbook-disable x -->', '<!-- runbook-disable x, y -->', '<!-- runbook-disable-next-line', 'runbook-disable x']) {
    assert.deepEqual(directivesInHtml(html, 1), [], html);
  }
});

test('disablesOfTree: block and inline comments in reading order; a list the fast tree recorded is used as it is', () => {
  const tree = markdownToTree('text <!-- runbook-disable-line a -->\n\n<!-- runbook-disable b -->\n\n<!-- nothing -->\n\n- item <!-- runbook-enable b -->\n');
  assert.deepEqual(
    disablesOfTree(tree).map((found) => [found.kind, found.rules, found.line]),
    [
      ['disable-line', ['a'], 1],
      ['disable', ['b'], 3],
      ['enable', ['b'], 7],
    ],
  );
  const recorded: DisableDirective[] = [{ kind: 'disable-file', rules: ['z'], line: 9, endLine: 9 }];
  const fast: Root = { type: 'root', children: [], data: { runbookDisables: recorded } as Root['data'] };
  assert.equal(disablesOfTree(fast), recorded);
});
