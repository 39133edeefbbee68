/**
 * Vitest global setup: builds the web app into dist/web when it is missing or stale, before any browser
 * test starts a server that serves it. A failure does not stop the other suites; the browser suites report
 * it (see support.ts).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    webBuildError: string | null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/web/tools/build.ts', '--strict'],
      { timeout: 300_000 },
    );
    if (stdout.includes('built')) console.log(`[browser tests] ${stdout.trim()}`);
    project.provide('webBuildError', null);
  } catch (error) {
    const e = error as { stderr?: string; message?: string };
    project.provide('webBuildError', (e.stderr || e.message || String(error)).trim());
  }
}
