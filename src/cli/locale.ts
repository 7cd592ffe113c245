/**
 * The language of the CLI's messages: `--locale it|es|en`, else the POSIX
 * locale variables in their order of precedence (LC_ALL, LC_MESSAGES, LANG),
 * else English. The core words its findings with @vscode/l10n's `l10n.t`; in
 * the editor VS Code hands it the bundle of its display language, here we do.
 * The bundles are imported, so esbuild puts them inside dist/cli.js and the
 * CLI needs nothing beside itself; `require` inside a function keeps a bundle
 * unevaluated until its language is asked for.
 */
import * as l10n from '@vscode/l10n';

export const LOCALES = ['en', 'it', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(s: string): s is Locale {
  return (LOCALES as readonly string[]).includes(s);
}

/**
 * The language a POSIX locale name asks for: `it_IT.UTF-8` -> it,
 * `es_ES@euro` -> es, `C`, `POSIX` and every language we do not speak -> en.
 * LC_ALL wins over LC_MESSAGES, which wins over LANG; an empty variable is unset.
 */
export function localeFromEnv(env: Readonly<Record<string, string | undefined>>): Locale {
  const name = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  if (!name) return 'en';
  const language = name.split(/[_.@-]/)[0].toLowerCase();
  return isLocale(language) ? language : 'en';
}

/** The message bundle of a language; English is the keys themselves, so it has none. */
function bundleOf(locale: Locale): Record<string, string> {
  switch (locale) {
    case 'it':
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; esbuild bundles it all the same
      return require('../../l10n/bundle.l10n.it.json') as Record<string, string>;
    case 'es':
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; esbuild bundles it all the same
      return require('../../l10n/bundle.l10n.es.json') as Record<string, string>;
    default:
      return {};
  }
}

let current: Locale = 'en';

/** Makes every later `l10n.t` answer in this language (an empty bundle puts English back). */
export function useLocale(locale: Locale): void {
  l10n.config({ contents: bundleOf(locale) });
  current = locale;
}

/** The language set last: worker threads are started in it (each thread has its own l10n bundle). */
export function currentLocale(): Locale {
  return current;
}
