import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../config.js';
import { loadKnowledge } from '../knowledge/load.js';
import { packageApp, publisherFrom } from './app-package.js';
import { runCli, UsageError } from './common.js';

// `npm run package [-- --out file.zip]`: the Teams app package, bot id from MicrosoftAppId.
runCli(async (argv) => {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string', default: join(PROJECT_ROOT, 'build', 'appPackage.zip') } } });
  const config = loadConfig();
  if (!config.MicrosoftAppId) throw new UsageError('MicrosoftAppId: set it (environment or .env) to the Azure Bot app id to package the app');
  const publisher = publisherFrom(config);
  const zip = packageApp(config.MicrosoftAppId, loadKnowledge(config.KNOWLEDGE_DIR), publisher);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, zip);
  console.log(`wrote ${values.out} (${zip.length} bytes)`);
  return 0;
});
