import type { Rule } from '../rules/rule';
import { comment } from './comment';
import { duplicateKey } from './duplicateKey';
import { invalid } from './invalid';
import { missingComma } from './missingComma';
import { tooDeep } from './tooDeep';
import { trailingComma } from './trailingComma';
import { unterminatedString } from './unterminatedString';

export const syntaxRules: Rule[] = [trailingComma, missingComma, unterminatedString, comment, duplicateKey, invalid, tooDeep];
