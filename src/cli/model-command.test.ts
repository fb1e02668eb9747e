import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactCommand } from './model-command';

test('redactCommand masks secrets a command line may carry, and keeps the rest as typed', () => {
  assert.equal(redactCommand('ollama run llama3'), 'ollama run llama3');
  assert.equal(redactCommand('llm -m gpt-4o --key sk-proj-abcdefghijklmnopqrstuvwx'), 'llm -m gpt-4o --key ***');
  assert.equal(redactCommand('OPENAI_API_KEY=abc123 llm -m gpt-4o'), 'OPENAI_API_KEY=*** llm -m gpt-4o');
  assert.equal(redactCommand('my-model --api-token="a b c" --temperature 0.2'), 'my-model --api-token=*** --temperature 0.2');
  assert.equal(redactCommand("curl -H 'Authorization: Bearer eyJhbGciOi' https://x"), "curl -H 'Authorization: Bearer *** https://x");
  assert.equal(redactCommand('tool ghp_abcdefghijklmnopqrstu'), 'tool ***');
  // An option named like a secret with no value of its own is left alone.
  assert.equal(redactCommand('tool --no-auth --model x'), 'tool --no-auth --model x');
});
