import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');

test('types-check/readme-react.tsx, which `npm run typecheck` compiles, is the README\'s React example', () => {
  const section = read('../../../README.md').split('\n### React\n')[1];
  assert.ok(section, 'the README has a "### React" section');
  const example = section.split('```jsx\n')[1].split('```')[0];
  assert.equal(read('../types-check/readme-react.tsx'), example);
});
