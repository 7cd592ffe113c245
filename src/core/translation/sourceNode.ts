/** What a node of a JSON translation was written from (CloudFormation YAML, Terraform), for turning JSON edits into source edits. */

/** What a JSON node of the translation was written from. */
export interface SourceNode {
  kind: 'scalar' | 'map' | 'seq' | 'property' | 'function' | 'other';
  /** Offsets in the JSON text. */
  jsonStart: number;
  jsonEnd: number;
  /** Offsets in the YAML text (collections: up to their last character, trailing blank lines left out). */
  yamlStart: number;
  yamlEnd: number;
  /** Scalars: the style, the string value, whether the value maps exactly onto its characters. */
  /** How the source writes it (a YAML scalar style; `HCL` for a Terraform string, `expression` for a Terraform reference or call). */
  style?: string;
  value?: string;
  exact?: boolean;
  /** The node is a `[...]`/`{...}` collection, or sits inside one. */
  inFlow: boolean;
  /** Collections: written in flow style themselves. */
  flow?: boolean;
}

