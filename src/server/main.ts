/**
 * loadConfig → open the store → migrate → bootstrap → buildApp → listen; graceful shutdown on SIGTERM.
 */
import { loadConfig, redactedConfig, type Config } from './config.js';
import { buildApp } from './app.js';
import { createRuntime } from './runtime.js';
import { createCompanyWithAdmin, needsSetup } from './modules/onboarding/onboarding.service.js';

export async function serve(config: Config = loadConfig()): Promise<() => Promise<void>> {
  const runtime = await createRuntime(config);
  const app = await buildApp(runtime.deps);
  app.log.info({ config: redactedConfig(config) }, 'starting');

  if (config.bootstrap && (await needsSetup(runtime.deps))) {
    const created = await createCompanyWithAdmin(runtime.deps, {
      companyName: config.bootstrap.companyName,
      adminEmail: config.bootstrap.adminEmail,
      adminPassword: config.bootstrap.adminPassword,
    });
    app.log.info(
      { companyId: created.CompanyID, email: created.Email },
      'created the first company from the environment',
    );
  }

  await app.listen({ host: config.host, port: config.port });
  if (await needsSetup(runtime.deps)) {
    app.log.info(`no company yet: open http://${config.host}:${config.port}/setup to create one`);
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      app.log.info('shutting down');
      await app.close();
      await runtime.close();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return stop;
}
