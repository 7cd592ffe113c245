/**
 * The YAML parser (`yaml`, which keeps every node's source range), loaded on
 * first use: activating the extension for a JSON file does not evaluate it.
 */
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yamlParser(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; esbuild bundles it all the same
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}
