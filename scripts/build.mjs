// Bundles the extension, the CLI, the simulator worker and the webview with esbuild.
// Usage: node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { writeEditorSchemas } from './editor-schema.mjs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

/** jsonc-parser's UMD build hides its requires from bundlers: prefer the ESM build. */
const common = { bundle: true, sourcemap: true, minify, logLevel: 'warning', mainFields: ['module', 'main'] };

const node = (entry, outfile, extra = {}) => ({
  ...common,
  entryPoints: [entry],
  outfile,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  ...extra,
});

const builds = [
  node('src/extension/extension.ts', 'dist/extension.js'),
  node('src/cli/main.ts', 'dist/cli.js', { banner: { js: '#!/usr/bin/env node' } }),
  node('src/node/sim-worker.ts', 'dist/sim-worker.js'),
  node('src/extension/worker/main.ts', 'dist/model-worker.js'),
  ...['panel', 'onnx-editor', 'results'].flatMap((name) => [
    {
      ...common,
      entryPoints: [`webview/src/${name}.ts`],
      outfile: `dist/webview/${name}.js`,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    },
    { ...common, entryPoints: [`webview/src/${name}.css`], outfile: `dist/webview/${name}.css`, sourcemap: false },
  ]),
].filter((b) => existsSync(b.entryPoints[0]));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
writeEditorSchemas(import.meta.dirname + '/..');
