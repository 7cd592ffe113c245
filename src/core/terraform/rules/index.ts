import type { DocumentRule } from '../../rules/rule';
import { policyDoubleEncoded } from './policyDoubleEncoded';

/** Rules about how a Terraform module writes its policies (the policies themselves are checked by the policy rules). */
export const terraformRules: DocumentRule[] = [policyDoubleEncoded];
