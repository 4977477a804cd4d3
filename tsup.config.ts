import { defineConfig } from 'tsup';

// One ESM bundle with its dependencies inlined (zero runtime dependencies, like
// create-vite); commands and prompts are split into chunks loaded on demand so
// `--help` starts as fast as Node itself.
export default defineConfig({
  entry: { cli: 'src/cli.ts', precompile: 'src/precompile.ts' },
  format: 'esm',
  target: 'node20',
  platform: 'node',
  splitting: true,
  clean: true,
  minify: false,
  noExternal: [/.*/],
  banner: { js: "import { createRequire as __rampartRequire } from 'node:module'; const require = __rampartRequire(import.meta.url);" },
});
