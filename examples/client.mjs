// novash as a library: node examples/client.mjs (from the repository, after npm install).
// With OS_CLOUD=devcloud it uses that cloud of clouds.yaml; otherwise the settings below.
import { ApiError, createClient } from 'novash';

const client = process.env.OS_CLOUD
  ? createClient({ cloud: process.env.OS_CLOUD })
  : createClient({
      auth_url: process.env.OS_AUTH_URL ?? 'http://127.0.0.1:5000/v3',
      username: process.env.OS_USERNAME ?? 'demo',
      password: process.env.OS_PASSWORD,
      project_name: process.env.OS_PROJECT_NAME ?? 'demo',
      user_domain_name: 'Default',
      project_domain_name: 'Default',
    });

try {
  for (const s of await client.servers.list()) console.log(`server    ${s.name}  ${s.status}`);
  for (const f of await client.flavors.list()) console.log(`flavor    ${f.name}  ${f.vcpus} vCPU  ${f.ram} MiB`);
  const { instances } = await client.limits.get();
  console.log(`instances ${instances.used} of ${instances.max}`);
  // A resource declared in an extension file (examples/extensions/site.yaml), through the same client.
  if (client.extensions.resources.some((r) => r.plural === 'documents')) {
    for (const d of await client.resource('documents').list()) console.log(`document  ${d.id}  ${d.name}`);
  }
} catch (err) {
  // The CLI's errors: the cloud's message, the HTTP status and the request id.
  console.error(err instanceof ApiError ? `${err.describe()}` : String(err));
  process.exitCode = 1;
}
