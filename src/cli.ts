// Only what --help and --version need is imported up front: they should start
// as fast as Node itself. Everything else is loaded by the command that uses it.
import type { CommandContext } from './commands/context.js';
import type { UserError } from './engine/errors.js';
import { version } from './version.js';

const isUserError = (error: unknown): error is UserError => (error as Error | undefined)?.name === 'UserError';
const isCancellation = (error: unknown): boolean => ['ApplyAborted', 'PromptCancelled'].includes((error as Error | undefined)?.name ?? '');

const CREATE_HELP = `Usage: create-rampart [project-name] [options]

Scaffold an API that is secure in production from its first commit.
Without flags it asks; every question also has a flag.

Options:
  -f, --framework <id>        fastify | express | fastapi
      --features <list>       comma list, or all | none (see: rampart list)
      --rate-limit-store <s>  memory | redis          (with rate-limit)
      --auth-provider <p>     local | oidc            (with auth-jwt)
      --pm <name>             npm | pnpm | yarn | bun (default: the one running this)
      --no-git                do not initialise a git repository
      --no-install            do not install dependencies
  -y, --yes                   take the recommended answer for anything not given
      --force                 write into a non-empty directory (nothing of yours is deleted)
      --dry-run               print the plan, write nothing (--diff to see contents)
      --json                  machine-readable result
  -h, --help                  this help
  -v, --version               rampart's version

Examples:
  npm create rampart@latest
  npx create-rampart my-api --framework fastify --features all --yes
  npx create-rampart svc --framework fastapi --features auth-jwt,rbac,rate-limit --auth-provider oidc --yes`;

const RAMPART_HELP = `Usage: rampart <command> [options]

Commands:
  create [name]        scaffold a new project (same as create-rampart; see create --help)
  list                 frameworks, features, options and who supports what (--json)
  add <feature...>     add security controls to this project
  remove <feature...>  remove controls; your own code stays
  upgrade              re-render this project with this version's templates
  status               features, files you edited, and whether each feature's wiring is
                       intact (exit 1 when one is not: usable as a CI check)

These commands work from any folder of a project: rampart.json is looked for in the
current folder (or --cwd) and the folders above it.

Features are named one by one or as a comma list (rampart add cors,headers).

Options for add / remove / upgrade:
  --rate-limit-store <s>  memory | redis (adding rate-limit, or switching its store)
  --auth-provider <p>     local | oidc   (adding auth-jwt)
  --dry-run               print the plan, write nothing (--diff to see the changes)
  -y, --yes               no questions: add what a feature needs, refuse on conflicts
  --force                 overwrite files whose edits conflict (lists them)
  --allow-dirty           go ahead although git has uncommitted changes (needed with
                          --yes or without a terminal)
  --cwd <dir>             run as if started in <dir> (default: the current folder)
  --json                  machine-readable result
  -h, --help, -v, --version`;

function makeContext(json: boolean): CommandContext {
  let abortRequested = false;
  // Asking process.stdin creates the stdin stream (~1.5 ms), so whether a person
  // is at the terminal is asked only when a command needs to know: `--yes` never does.
  let interactive: boolean | undefined;
  const isInteractive = (): boolean => (interactive ??= Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.CI !== 'true');
  process.on('SIGINT', () => {
    if (abortRequested) process.exit(130);
    abortRequested = true;
  });
  const delay = Number(process.env.RAMPART_TEST_STEP_DELAY_MS ?? 0);
  return {
    version,
    cwd: process.cwd(),
    get interactive() {
      return isInteractive();
    },
    out: (line) => process.stdout.write(`${line}\n`),
    progress: async (message) => {
      // --json promises one JSON document on stdout: no progress lines around it.
      if (json) return () => {};
      if (!isInteractive()) {
        process.stdout.write(`… ${message}\n`);
        return (final, ok = true) => process.stdout.write(`${ok ? '✔' : '!'} ${final}\n`);
      }
      const { spinner } = await import('@clack/prompts');
      const spin = spinner();
      spin.start(message);
      return (final, ok = true) => (ok ? spin.stop(final) : spin.error(final));
    },
    aborted: () => abortRequested,
    ...(delay > 0 ? { stepDelayMs: delay } : {}),
  };
}

/** The one place that turns outcomes into output and exit codes. */
export async function main(bin: 'create-rampart' | 'rampart', argv: string[]): Promise<number> {
  const prefix = bin;
  // `rampart list | head`: the reader went away; stop quietly instead of crashing with EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let json = argv.includes('--json');
  const only = argv.length === 1 ? argv[0] : undefined;
  if (only === '--version' || only === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (only === '--help' || only === '-h' || (bin === 'rampart' && argv.length === 0)) {
    process.stdout.write(`${bin === 'create-rampart' ? CREATE_HELP : RAMPART_HELP}\n`);
    return 0;
  }
  try {
    const commands = await import('./commands/index.js');
    const args = commands.parse(argv);
    json = Boolean(args.flags.json);
    if (args.flags.version) {
      process.stdout.write(`${version}\n`);
      return 0;
    }
    let command = 'create';
    if (bin === 'rampart') {
      command = args.positionals.shift() ?? 'help';
      if (command === 'help') {
        process.stdout.write(`${RAMPART_HELP}\n`);
        return 0;
      }
      // A word these would silently ignore is a mistake (rampart status cors, rampart upgrade 0.2.0).
      if (['list', 'upgrade', 'status'].includes(command) && args.positionals.length > 0) {
        throw new commands.UserError(`rampart ${command} takes no arguments (got "${args.positionals[0]}")`, 'see rampart --help');
      }
    }
    if (args.flags.help) {
      process.stdout.write(`${command === 'create' ? CREATE_HELP : RAMPART_HELP}\n`);
      return 0;
    }
    const ctx = makeContext(json);
    switch (command) {
      case 'create':
        return await commands.create(args, ctx);
      case 'list':
        ctx.out(commands.listCatalog(json));
        return 0;
      case 'add':
        return await commands.add(args, ctx);
      case 'remove':
        return await commands.remove(args, ctx);
      case 'upgrade':
        return await commands.upgrade(args, ctx);
      case 'status':
        return await commands.status(args, ctx);
      default:
        throw new commands.UserError(`unknown command "${command}"`, 'commands: create, list, add, remove, upgrade, status (rampart --help)');
    }
  } catch (error) {
    if (isUserError(error) || isCancellation(error)) {
      const cancelled = !isUserError(error);
      const message = cancelled ? 'cancelled: nothing was written' : `${error.message}${(error as UserError).hint ? `; ${(error as UserError).hint}` : ''}`;
      if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
      else process.stderr.write(`${prefix}: ${message}\n`);
      return cancelled ? 130 : 1;
    }
    process.stderr.write(`${prefix}: internal error, please report it: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}
