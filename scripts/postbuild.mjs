// trunk's post_build hook (Trunk.toml), run on the staging dir ($TRUNK_STAGING_DIR) before
// trunk moves it into place. One hook that runs the steps in order, because trunk starts the
// hooks of one stage concurrently: minify the JS (fixing SRI hashes), then build the service
// worker over the final files.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
for (const step of ['minify.mjs', 'sw.mjs']) {
  execFileSync(process.execPath, [join(here, step), ...process.argv.slice(2)], { stdio: 'inherit' });
}
