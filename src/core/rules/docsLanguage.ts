/**
 * Which language of a rule's page to open. The pages exist in English, Italian
 * and Spanish (`docs/rules/<id>.md`, `<id>.it.md`, `<id>.es.md`); a display
 * language is matched on its primary subtag, so `it-IT`, `es-419` or `es_MX`
 * get the Italian or Spanish page and any other language the English one.
 * Pure, so the choice is tested without a VS Code host in Italian.
 */

/** The languages rule pages are written in; English is the original, the others translations of it. */
export const DOCS_LANGUAGES = ['en', 'it', 'es'] as const;
export type DocsLanguage = (typeof DOCS_LANGUAGES)[number];

/** The translated languages (every rule page exists in each of them too). */
export const TRANSLATED_DOCS_LANGUAGES: readonly Exclude<DocsLanguage, 'en'>[] = ['it', 'es'];

/** The page language for a display or locale tag (`vscode.env.language`, `it-IT`, `es-419`, `es_ES.UTF-8`); English when none fits. */
export function docsLanguageFor(locale: string | undefined): DocsLanguage {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_.@]/)[0];
  return (DOCS_LANGUAGES as readonly string[]).includes(primary) ? (primary as DocsLanguage) : 'en';
}

/** The file name suffix of a page in `language`: none for English, `.it` or `.es` otherwise. */
export function docsSuffix(language: DocsLanguage): string {
  return language === 'en' ? '' : `.${language}`;
}
