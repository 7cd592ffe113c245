/** Rules about the document as input: AWS CLI output in pages. */
import type { DocumentRule } from '../../rules/rule';
import { concatenatedDocuments } from './concatenatedDocuments';
import { morePages } from './morePages';

export const fileRules: DocumentRule[] = [morePages, concatenatedDocuments];
