import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Step {
  command: string;
  shown: string[];
}

/** The walk-through's commands and the output lines the README shows for each ("…" elides). */
function walkSteps(readme: string): Step[] {
  const walk = readme.slice(readme.indexOf('## Five minutes'), readme.indexOf('## Commands'));
  const steps: Step[] = [];
  for (const block of walk.split('```').filter((_, i) => i % 2 === 1)) {
    const lines = block.replace(/^sh\n/, '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i] as string;
      const prompt = line.startsWith('$ ');
      if (!prompt && !/^(export |npx ft)/.test(line)) {
        if (line && line !== '…') steps.at(-1)?.shown.push(line);
        continue;
      }
      let command = prompt ? line.slice(2) : line;
      while (command.endsWith('\\')) {
        i += 1;
        line = lines[i] as string;
        command = `${command.slice(0, -1)}${line.trim()}`;
      }
      steps.push({ command, shown: [] });
    }
  }
  return steps;
}

it('the README walk-through prints what the README shows', () => {
  const steps = walkSteps(readFileSync(join(root, 'README.md'), 'utf8'));
  assert.equal(steps.length, 35, 'the commands of the walk-through, exports and `npx ft` lines included');
  const data = mkdtempSync(join(tmpdir(), 'ft-readme-'));
  const marker = '@@step@@';
  const script = [
    'set -e',
    // The README runs `npx ft`; here the same compiled program, without npm's start-up.
    `npx() { shift; node ${JSON.stringify(join(root, 'dist/cli/main.js'))} "$@"; }`,
    ...steps.flatMap((s) => [`echo ${marker}`, s.command.replace('/tmp/walk', data)]),
  ].join('\n');
  try {
    const output = execFileSync('bash', ['-c', script], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const outputs = output.split(`${marker}\n`).slice(1);
    steps.forEach((step, i) => {
      const actual = (outputs[i] ?? '').split('\n');
      let from = 0;
      for (const line of step.shown) {
        const at = actual.indexOf(line, from);
        assert.ok(
          at >= 0,
          `README shows "${line}" after \`${step.command}\`, but it printed:\n${outputs[i]}`,
        );
        from = at + 1;
      }
    });
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
