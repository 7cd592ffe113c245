import type { Rule } from '../rules/rule';
import { comment } from './comment';
import { duplicateKey } from './duplicateKey';
import { invalid } from './syntax';
import { missingComma } from './missingComma';
import { smartQuotes } from './smartQuotes';
import { tooDeep } from './tooDeep';
import { trailingComma } from './trailingComma';
import { unquotedKey } from './unquotedKey';
import { unterminatedString } from './unterminatedString';

export const syntaxRules: Rule[] = [trailingComma, missingComma, unterminatedString, comment, duplicateKey, smartQuotes, unquotedKey, invalid, tooDeep];
