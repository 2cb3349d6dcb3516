// The repository keeps its own contract: no file cites a document that is not in it (the old
// product specification, a style guide outside the repo, or notes kept elsewhere).
import { expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Built from pieces so that this file does not match itself.
const OUTSIDE = new RegExp(['\\bSP' + 'EC\\b', 'STY' + 'LE\\.md', '\\.\\./sha' + 'red/', 'the iss' + 'ue note'].join('|'));

test('no tracked file cites the old specification, the outside style guide or outside notes', () => {
  const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => f && f !== 'package-lock.json' && !/\.(db|png|jpg)$/.test(f));
  const hits: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(`${ROOT}${file}`, 'utf8');
    } catch {
      continue; // listed but deleted in the working tree
    }
    text.split('\n').forEach((line, i) => {
      if (OUTSIDE.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(hits).toEqual([]);
});
