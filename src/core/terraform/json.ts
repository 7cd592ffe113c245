/**
 * Terraform's JSON syntax (`*.tf.json`, CDKTF's `cdk.tf.json`): the policies
 * its resources hold, found in the JSON itself. A policy there is a JSON
 * string (`"policy": "{\"Version\": ...}"`), read as a policy in a string
 * (policy/locate.ts: findings and fixes on the string's characters), or, where
 * a generator wrote one, an object. `${...}` in it is a Terraform
 * interpolation, an unknown value as in the HCL reader. A string that is one
 * whole interpolation (`"${data.aws_iam_policy_document.x.json}"`,
 * `"${jsonencode(...)}"`) holds no policy to read; everything else in the file
 * (providers, variables, CDKTF's `//` metadata) is left alone.
 */
import type { JSONPath, Node } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { isObject } from '../classify';
import { mentionsKms } from '../policy/cloudFormation';
import type { KindDecision } from '../policy/kinds';
import type { DocumentHints } from '../types';
import { terraformGrants, type TerraformGrant } from './grants';
import { hclTreeOfJson } from './jsonSyntax';
import { decision, NESTED_SLOTS, organizationsSlotsOf, readPolicies, SLOTS, type Slot, type TerraformPolicy } from './translate';

export function isTerraformJsonDocument(hints: DocumentHints): boolean {
  return /\.tf\.json$/i.test(hints.fileName ?? '');
}

export interface TerraformJsonPolicy {
  /** Where the policy's string (or object) is in the document's JSON. */
  path: JSONPath;
  decision: KindDecision;
}

/** A block written as an object, or as an array of objects (both are Terraform JSON), each with its path. */
function objects(v: unknown, path: JSONPath): Array<{ value: Record<string, unknown>; path: JSONPath }> {
  if (Array.isArray(v)) return v.flatMap((x, i) => (isObject(x) ? [{ value: x, path: [...path, i] }] : []));
  return isObject(v) ? [{ value: v, path }] : [];
}

/** The policy a value holds: a JSON string's value, or an object; undefined for an interpolation or anything else. */
function policyValue(v: unknown): unknown {
  if (isObject(v)) return v;
  if (typeof v !== 'string' || !/^\s*[{[]/.test(v)) return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    // Not JSON as it stands (an unquoted `${jsonencode(...)}`, a `%{ for }` directive): not read, rather than its template syntax reported.
    return undefined;
  }
}

/** The slots of an aws_organizations_policy: its `type` (SERVICE_CONTROL_POLICY when left out or null), read as the HCL reader reads it. */
function organizationsSlots(attrs: Record<string, unknown>): Record<string, Slot> {
  const type = attrs.type ?? undefined;
  return organizationsSlotsOf(type === undefined || typeof type === 'string' ? type : null);
}

/** Every policy of a Terraform JSON module that KMS Lens analyses: key policies always, the others when they mention KMS. */
export function terraformJsonPolicies(root: unknown): TerraformJsonPolicy[] {
  const out: TerraformJsonPolicy[] = [];
  const read = (attrs: Record<string, unknown>, path: JSONPath, slots: Readonly<Record<string, Slot>>, reason: (attr: string) => string): void => {
    for (const attr of Object.keys(attrs)) {
      if (!Object.hasOwn(slots, attr)) continue;
      const slot = slots[attr];
      const policy = policyValue(attrs[attr]);
      if (policy === undefined) continue;
      if (slot.kind === 'keyPolicy' || mentionsKms(policy)) out.push({ path: [...path, attr], decision: decision(slot, reason(attr)) });
    }
  };
  for (const top of objects(root, [])) {
    for (const resources of objects(top.value.resource, [...top.path, 'resource'])) {
      for (const type of Object.keys(resources.value)) {
        if (!Object.hasOwn(SLOTS, type)) continue;
        for (const byName of objects(resources.value[type], [...resources.path, type])) {
          for (const name of Object.keys(byName.value)) {
            for (const resource of objects(byName.value[name], [...byName.path, name])) {
              const attrs = resource.value;
              read(attrs, resource.path, type === 'aws_organizations_policy' ? organizationsSlots(attrs) : SLOTS[type], (attr) => l10n.t('It is the {0} of a {1} resource.', attr, type));
              const nested = Object.hasOwn(NESTED_SLOTS, type) ? NESTED_SLOTS[type] : {};
              for (const blockType of Object.keys(nested)) {
                for (const inner of objects(attrs[blockType], [...resource.path, blockType])) {
                  read(inner.value, inner.path, nested[blockType], (attr) => l10n.t('It is the {0} of an {1} block of a {2} resource.', attr, blockType, type));
                }
              }
            }
          }
        }
      }
    }
  }
  return out;
}

/** What a Terraform JSON module holds: policies in strings (or objects), the documents and policies the HCL reader finds in its tree, and its grants. */
export interface TerraformJsonContent {
  strings: TerraformJsonPolicy[];
  policies: TerraformPolicy[];
  grants: TerraformGrant[];
}

export function readTerraformJson(src: string, root: Node, value: unknown): TerraformJsonContent {
  const attempt = <T>(read: () => T[]): T[] => {
    try {
      return read();
    } catch {
      // A shape the reader did not expect: that part is not analysed, rather than an error in the editor.
      return [];
    }
  };
  const tree = attempt(() => [hclTreeOfJson(src, root)])[0];
  return {
    strings: attempt(() => terraformJsonPolicies(value)),
    policies: tree ? attempt(() => readPolicies(src, tree, false)) : [],
    grants: tree ? attempt(() => terraformGrants(src, tree)) : [],
  };
}
