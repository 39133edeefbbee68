/**
 * Builds the web app into dist/web when it is missing or its sources changed (`npm start` runs this first,
 * and so does the browser-test setup). A hash of the inputs, not file times, decides, so a fresh clone or a
 * `git checkout` never serves a stale build. `--force` always builds.
 *
 *   node --import tsx src/web/tools/build.ts [--force]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = path.join(repo, 'dist/web');
const stampFile = path.join(outDir, '.build-hash');
const inputs = ['src/web', 'src/sdk', 'src/contract', 'package-lock.json'];

function files(relative: string): string[] {
  const full = path.join(repo, relative);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [relative];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules' && !/\.test\.tsx?$/.test(e.name))
    .flatMap((e) => files(path.join(relative, e.name)));
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  // Bumped when the build itself changes (v2: always a production build).
  hash.update('punchclock-web-build-v2\0');
  for (const file of inputs.flatMap(files).sort()) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(repo, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

export function isFresh(hash = sourceHash()): boolean {
  return (
    fs.existsSync(path.join(outDir, 'index.html')) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8').trim() === hash
  );
}

export async function ensureWebBuild(
  options: { force?: boolean; quiet?: boolean } = {},
): Promise<'fresh' | 'built'> {
  const hash = sourceHash();
  if (!options.force && isFresh(hash)) return 'fresh';
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new Error('Vite is not installed: run `npm ci` (with dev dependencies) to build the web app.');
  }
  const started = Date.now();
  // A production build even when called from a test run (vitest sets NODE_ENV=test, which would give
  // React's development build).
  process.env.NODE_ENV = 'production';
  await vite.build({
    mode: 'production',
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    logLevel: options.quiet ? 'error' : 'warn',
  });
  fs.writeFileSync(stampFile, `${hash}\n`);
  if (!options.quiet) console.log(`web app built into dist/web in ${Date.now() - started} ms`);
  return 'built';
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    const result = await ensureWebBuild({ force: process.argv.includes('--force') });
    if (result === 'fresh') console.log('web app in dist/web is up to date');
  } catch (error) {
    // The API still starts without the web app (the server then serves a plain home page at /).
    const hasOldBuild = fs.existsSync(path.join(outDir, 'index.html'));
    console.error(
      `\n*** Could not build the web app: ${error instanceof Error ? error.message : String(error)}\n` +
        (hasOldBuild
          ? '*** Serving the previous build in dist/web.\n'
          : '*** The server starts without it.\n'),
    );
    process.exitCode = process.argv.includes('--strict') ? 1 : 0;
  }
}
