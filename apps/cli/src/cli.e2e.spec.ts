/**
 * The built command line (`npm run cli`), as a person or the all-in-one runs it: every command
 * answers --help, mistakes exit 2 naming what was wrong, and parsing loads no command's code.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { repoRoot } from '@handoff/shared/compiled-path';
import { buildProgram } from './cli';

const CLI = path.join(repoRoot(), 'dist', 'apps', 'cli', 'src', 'main.js');

let tmp: string;
let preload: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-cli-'));
  // Records every module the process loaded, as it exits.
  preload = path.join(tmp, 'record-modules.js');
  fs.writeFileSync(preload, "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_MODULES, JSON.stringify(Object.keys(require.cache))));\n");
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Every file the process required. */
  loaded: string[];
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = [CLI]): Run {
  const record = path.join(tmp, `loaded-${Math.random().toString(36).slice(2)}.json`);
  const result = spawnSync(process.execPath, ['--require', preload, ...nodeArgs, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, LOADED_MODULES: record },
  });
  const loaded = fs.existsSync(record) ? (JSON.parse(fs.readFileSync(record, 'utf8')) as string[]) : [];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, loaded };
}

/** Every command path in the tree: ['eventstore'], ['eventstore', 'serve'], ... (commander's own `help` left out). */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.filter((sub) => sub.name() !== 'help').flatMap((sub) => [[...prefix, sub.name()], ...commandPaths(sub, [...prefix, sub.name()])]);
}

/** Modules no parse may load: a server's or another command's dependencies, or any library of ours. */
const COMMAND_CODE = /node_modules[\\/](@grpc|lmdb|mongodb|mingo|bson|@eventstore|@nestjs|cli-progress)[\\/]|dist[\\/](libs|apps[\\/](api|projector))[\\/]/;

describe('cli --help', () => {
  const paths = commandPaths(buildProgram(() => undefined));

  it('covers every command and group of the tree', () => {
    expect(paths.map((p) => p.join(' '))).toEqual([
      'eventstore',
      'eventstore serve',
      'readstore',
      'readstore serve',
      'demo',
      'projections',
      'projections status',
      'projections rebuild',
      'projections skip',
      'audit',
      'audit verify',
    ]);
  });

  it.each([[[]], ...paths.map((p) => [p])])('%j --help exits 0 with its usage, description and options, loading no command code', (commandPath: string[]) => {
    const command = commandPath.reduce(
      (parent, name) => parent.commands.find((sub) => sub.name() === name)!,
      buildProgram(() => undefined),
    );
    const run = cli([...commandPath, '--help']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Usage: cli ${commandPath.join(' ')}`.trimEnd());
    expect(run.stdout).toContain(command.description().split(' ').slice(0, 4).join(' '));
    for (const option of command.options) expect(run.stdout).toContain(option.long!);
    for (const sub of command.commands) expect(run.stdout).toContain(sub.name());
    expect(run.loaded.filter((file) => COMMAND_CODE.test(file))).toEqual([]);
  });

  it.each([
    [
      ['eventstore', 'serve'],
      ['--port <port>', '--data-dir <dir>', '--max-append-size <bytes>', 'EMBEDDED_EVENTSTORE_PORT', 'EMBEDDED_EVENTSTORE_DURABILITY'],
    ],
    [
      ['readstore', 'serve'],
      ['--port <port>', '--data-dir <dir>', 'EMBEDDED_MONGODB_PORT', 'EMBEDDED_MONGODB_DURABILITY'],
    ],
    [['demo'], ['HANDOFF_ADMIN_KEY', 'HANDOFF_URL', 'DEMO_SCALE', 'DEMO_CONCURRENCY', 'DEMO_TIMEOUT_SECONDS']],
    [
      ['projections', 'rebuild'],
      ['<name>', '--wait <seconds>'],
    ],
    [
      ['projections', 'skip'],
      ['<name>', '<event-id>', '--by <who>'],
    ],
    [['audit', 'verify'], ['--from <position>']],
  ])('%j --help names %j', (commandPath, names) => {
    const run = cli([...commandPath, '--help']);
    expect(run.code).toBe(0);
    for (const name of names) expect(run.stdout).toContain(name);
  });

  it('the recorder does see a command module load gRPC and LMDB (so an empty list above means something)', () => {
    const run = cli([], {}, ['-e', `require(${JSON.stringify(path.join(path.dirname(CLI), 'eventstore-serve.command.js'))})`]);
    expect(run.code).toBe(0);
    const loaded = run.loaded.join('\n');
    expect(loaded).toMatch(/node_modules[\\/]@grpc[\\/]grpc-js[\\/]/);
    expect(loaded).toMatch(/node_modules[\\/]lmdb[\\/]/);
  });
});

describe('cli mistakes exit 2 with the reason on stderr', () => {
  it.each([
    [['eventstore', 'serve', '--prot', '2113'], /unknown option '--prot'[\s\S]*Did you mean --port\?/],
    [['readstore', 'serve', '--data-dir'], /option '--data-dir <dir>' argument missing/],
    [['projections', 'rebuild', 'parcel-board', '--wiat', '5'], /unknown option '--wiat'/],
    [['audit', 'verify', 'extra'], /too many arguments for 'verify'/],
    [['projectoins', 'status'], /unknown command 'projectoins'[\s\S]*Did you mean projections\?/],
    [['projections', 'skip', 'parcel-board'], /missing required argument 'event-id'/],
    [['projections', 'rebuild', 'no-such-projection'], /no projection named "no-such-projection"; known: (?=.*\bparcel-board\b)(?=.*\bwaiver-coverage\b)/],
    [['projections'], /Usage: cli projections/],
    [[], /Usage: cli/],
  ])('%j', (args, message) => {
    const run = cli(args);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(message);
  });

  it.each([
    [['eventstore', 'serve', '--port', '65536'], "option '--port <port>' argument '65536' is invalid. It must be an integer from 0 to 65535."],
    [['readstore', 'serve', '--port', '-1'], "option '--port <port>' argument '-1' is invalid"],
    [['eventstore', 'serve', '--max-append-size', '0'], "option '--max-append-size <bytes>' argument '0' is invalid. It must be a positive integer."],
    [['eventstore', 'serve', '--max-append-size', '1e6'], "option '--max-append-size <bytes>' argument '1e6' is invalid"],
    [['projections', 'rebuild', 'parcel-board', '--wait', '1.5'], "option '--wait <seconds>' argument '1.5' is invalid. It must be a whole number of seconds (0 or more)."],
    [['projections', 'rebuild', 'parcel-board', '--wait', 'soon'], "option '--wait <seconds>' argument 'soon' is invalid"],
    [['audit', 'verify', '--from', '12ab'], "option '--from <position>' argument '12ab' is invalid. It must be a $all commit position (digits)."],
    [['audit', 'verify', '--from', '18446744073709551616'], "option '--from <position>' argument '18446744073709551616' is invalid"],
  ])('invalid number: %j', (args, message) => {
    const run = cli(args);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(message);
  });

  it('an invalid port from the environment names the variable', () => {
    const run = cli(['eventstore', 'serve'], { EMBEDDED_EVENTSTORE_PORT: 'http' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--port <port>' value 'http' from env 'EMBEDDED_EVENTSTORE_PORT' is invalid");
  });

  it('validation happens before any command code loads', () => {
    const run = cli(['eventstore', 'serve', '--port', '99999']);
    expect(run.code).toBe(2);
    expect(run.loaded.filter((file) => COMMAND_CODE.test(file))).toEqual([]);
  });
});
