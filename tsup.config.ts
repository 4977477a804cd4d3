import { defineConfig, type Options } from 'tsup';

// ESM bundles with their dependencies inlined (zero runtime dependencies, like
// create-vite).
const common: Options = {
  format: 'esm',
  target: 'node20',
  platform: 'node',
  minify: false,
  noExternal: [/.*/],
  banner: { js: "import { createRequire as __rampartRequire } from 'node:module'; const require = __rampartRequire(import.meta.url);" },
};

export default defineConfig([
  // The CLI: cli.js holds only what --help and --version need, so they start as
  // fast as Node itself; the commands are one chunk (src/commands/index.ts) and
  // what is large and often unused (prompts, execa, Handlebars' compiler, diff) are chunks
  // loaded on demand.
  // (Both builds run at once: the CLI's clean must spare the other's output.)
  { ...common, entry: { cli: 'src/cli.ts' }, splitting: true, clean: ['!precompile.js'] },
  // The build step that precompiles the templates. Built on its own: sharing
  // chunks with the CLI would split the commands' chunk into more modules.
  { ...common, entry: { precompile: 'src/precompile.ts' }, splitting: false },
]);
