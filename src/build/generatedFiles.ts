/**
 * Everything `npm run generate` derives, as file path -> expected text: the
 * README's rule index, settings table and command table, docs/cli.md's options, one page per rule and the rule
 * table in docs/rules/ (in English, Italian and Spanish), the `kmsLens.rules` and `kmsLens.policyKinds` schemas
 * in package.json, and the rule texts of package.nls.json. The generator
 * writes these; a unit test checks the committed files equal them, so no
 * generated file can go stale.
 */
import { docsPath, type Rule } from '../core/rules/rule';
import { CLI_END, CLI_OPTIONS_END, CLI_OPTIONS_START, CLI_START, renderCliCommands, renderCliOptions } from './cliDocs';
import { TRANSLATED_DOCS_LANGUAGES } from '../core/rules/docsLanguage';
import { policyKindsSettingSchema, renderRuleIndexPage, renderRulePage, replaceBetween, replaceRuleSection, RULE_INDEX_PAGE, ruleIndexPage, ruleNlsEntries, ruleSettingsSchema, translationFile, type RuleTranslations } from './ruleDocs';
import { renderSettingsSection, SETTINGS_END, SETTINGS_START, type Manifest } from './settingsDocs';

/** The folder of rule pages: every file in it is generated, and files of rules that no longer exist are removed. */
export const RULE_PAGES_DIR = 'docs/rules';

export function generatedFiles(rules: readonly Rule[], read: (file: string) => string): Map<string, string> {
  const out = new Map<string, string>();

  const pkg = JSON.parse(read('package.json')) as Manifest & Record<string, unknown>;
  const props = pkg.contributes.configuration.properties as Record<string, unknown> & { 'kmsLens.rules': { properties: unknown } };
  props['kmsLens.rules'].properties = ruleSettingsSchema(rules);
  props['kmsLens.policyKinds'] = policyKindsSettingSchema();
  out.set('package.json', JSON.stringify(pkg, null, 2) + '\n');

  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  for (const key of Object.keys(nls)) if (key.startsWith('rule.')) delete nls[key];
  Object.assign(nls, ruleNlsEntries(rules));
  out.set('package.nls.json', JSON.stringify(nls, null, 2) + '\n');

  let readme = replaceRuleSection(read('README.md'), rules);
  readme = replaceBetween(readme, SETTINGS_START, SETTINGS_END, renderSettingsSection(pkg, nls), 'settings');
  readme = replaceBetween(readme, CLI_START, CLI_END, renderCliCommands(), 'command-line commands');
  out.set('README.md', readme);
  out.set('docs/cli.md', replaceBetween(read('docs/cli.md'), CLI_OPTIONS_START, CLI_OPTIONS_END, renderCliOptions(), 'command-line options'));
  // The translated pages carry the options table in their language, worded by the CLI's own message bundle.
  for (const language of TRANSLATED_DOCS_LANGUAGES) {
    const file = `docs/cli.${language}.md`;
    const bundle = JSON.parse(read(`l10n/bundle.l10n.${language}.json`)) as Record<string, string>;
    out.set(file, replaceBetween(read(file), CLI_OPTIONS_START, CLI_OPTIONS_END, renderCliOptions(bundle), 'command-line options'));
  }

  out.set(RULE_INDEX_PAGE, renderRuleIndexPage(rules));
  for (const r of rules) out.set(docsPath(r), renderRulePage(r));

  // The same pages in Italian and Spanish, from the translations of each rule's text (English where a translation is missing: the test lists those).
  for (const language of TRANSLATED_DOCS_LANGUAGES) {
    const translations = JSON.parse(read(translationFile(language))) as RuleTranslations;
    out.set(ruleIndexPage(language), renderRuleIndexPage(rules, language, translations));
    for (const r of rules) out.set(docsPath(r, language), renderRulePage(r, language, translations));
  }
  return out;
}
