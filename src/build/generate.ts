/**
 * `npm run generate`: writes what is derived from the rules' metadata into
 * README.md, package.json (settings schemas: rules, policy kinds) and package.nls.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../core/rules/registry';
import { policyKindsSettingSchema, replaceRuleSection, ruleNlsEntries, ruleSettingsSchema } from './ruleDocs';

const root = path.resolve(__dirname, '..', '..', '..');

function writeIfChanged(file: string, text: string): void {
  const abs = path.join(root, file);
  if (fs.existsSync(abs) && fs.readFileSync(abs, 'utf8') === text) return;
  fs.writeFileSync(abs, text);
  console.log(`wrote ${file}`);
}

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
writeIfChanged('README.md', replaceRuleSection(readme, allRules));

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
pkg.contributes.configuration.properties['kmsLens.rules'].properties = ruleSettingsSchema(allRules);
pkg.contributes.configuration.properties['kmsLens.policyKinds'] = policyKindsSettingSchema();
writeIfChanged('package.json', JSON.stringify(pkg, null, 2) + '\n');

const nlsPath = path.join(root, 'package.nls.json');
const nls = JSON.parse(fs.readFileSync(nlsPath, 'utf8')) as Record<string, string>;
for (const key of Object.keys(nls)) if (key.startsWith('rule.')) delete nls[key];
Object.assign(nls, ruleNlsEntries(allRules));
writeIfChanged('package.nls.json', JSON.stringify(nls, null, 2) + '\n');
