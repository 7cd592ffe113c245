/**
 * `npm run generate`: writes what is derived from the rules' metadata and the
 * manifest (see generatedFiles.ts), and removes the pages of rules that no
 * longer exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../core/rules/registry';
import { generatedFiles, RULE_PAGES_DIR } from './generatedFiles';

const root = path.resolve(__dirname, '..', '..', '..');

const files = generatedFiles(allRules, (file) => fs.readFileSync(path.join(root, file), 'utf8'));
for (const [file, text] of files) {
  const abs = path.join(root, file);
  if (fs.existsSync(abs) && fs.readFileSync(abs, 'utf8') === text) continue;
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
  console.log(`wrote ${file}`);
}
for (const name of fs.readdirSync(path.join(root, RULE_PAGES_DIR))) {
  const file = `${RULE_PAGES_DIR}/${name}`;
  if (files.has(file)) continue;
  fs.rmSync(path.join(root, file));
  console.log(`removed ${file}`);
}
