import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Command } from 'commander';
import { registrars, runCli } from '../src/cli/program.js';

async function run(args: string[], isTTY = false, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stdout += t;
    },
    env,
    isTTY,
  });
  return { code, stdout };
}

const commands = [
  ['person', 'add'],
  ['person', 'list'],
  ['meeting', 'start'],
  ['meeting', 'end'],
  ['commit'],
  ['list'],
  ['show'],
  ['done'],
  ['missed'],
  ['move'],
  ['reassign'],
  ['drop'],
  ['tick'],
  ['followups'],
  ['answer'],
  ['agenda'],
  ['wrapup'],
  ['plan', 'add'],
  ['plan', 'show'],
  ['plan', 'close'],
  ['stats'],
  ['outbox'],
  ['settings'],
  ['demo'],
  ['init'],
];

it('gives every command --help with an example and --json, without touching any data', async () => {
  for (const command of commands) {
    const { code, stdout } = await run([...command, '--help'], false, {
      FOLLOWTHROUGH_DATA: '/nonexistent/never-created',
    });
    assert.equal(code, 0, command.join(' '));
    assert.match(stdout, /Example/, `ft ${command.join(' ')} --help has an example`);
    assert.match(
      stdout,
      /\$ (ft|npm|FOLLOWTHROUGH_NOW)/,
      `ft ${command.join(' ')} --help shows a command line`,
    );
    assert.match(stdout, /--json/, `ft ${command.join(' ')} --help offers --json`);
  }
  const top = await run(['--help']);
  assert.match(
    top.stdout,
    /FOLLOWTHROUGH_DATA[\s\S]*DATABASE_URL[\s\S]*FOLLOWTHROUGH_AS[\s\S]*FOLLOWTHROUGH_NOW/,
  );
});

it('colours warnings only when writing to a terminal, and never with NO_COLOR', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const data = mkdtempSync(join(tmpdir(), 'ft-colour-'));
  const env = {
    FOLLOWTHROUGH_DATA: data,
    FOLLOWTHROUGH_NOW: '2026-11-25T16:00:00Z',
    FOLLOWTHROUGH_TIME_ZONE: 'America/New_York',
  };
  try {
    await run(['demo'], false, env);
    const tty = await run(['list', '--overdue'], true, env);
    const pipe = await run(['list', '--overdue'], false, env);
    const noColor = await run(['list', '--overdue'], true, { ...env, NO_COLOR: '1' });
    const colourCode = '\u001b[';
    assert.ok(tty.stdout.includes(colourCode), 'a terminal gets colour');
    assert.ok(!pipe.stdout.includes(colourCode), 'a pipe gets plain text');
    assert.ok(!noColor.stdout.includes(colourCode), 'NO_COLOR is respected');
    assert.match(pipe.stdout, /⚠ overdue/);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

it('knows which feature registers each top-level command, so a run builds only the one it needs', () => {
  for (const [register, names] of registrars) {
    const program = new Command('ft');
    register(program, () => async () => {}, { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false });
    assert.deepEqual(
      program.commands.map((c) => c.name()).sort(),
      [...names].sort(),
      `the names listed for ${register.name}`,
    );
  }
});
