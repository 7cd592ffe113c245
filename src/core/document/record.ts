/** One record of a document: a CloudTrail event, a list-grants entry, an entry of AWS CLI output about keys. */
export interface JsonRecord {
  index: number;
  /** Offsets of the record's JSON value in the document text. */
  start: number;
  end: number;
  value: unknown;
  /**
   * The record's text has syntax problems. Its value is then what survives of
   * it (document/sound.ts): every member whose own text parses.
   */
  broken: boolean;
  /** A JSON error cost the record a member (or more): rules about what is absent stay quiet. */
  partial?: boolean;
  /**
   * Set when the record's JSON is the content of a JSON string of the document
   * (as the `CloudTrailEvent` of `aws cloudtrail lookup-events` output is):
   * the decoded text the record is read from, and where each of its characters
   * is in the document (document/stringRecords.ts). `start` and `end` are then
   * the string literal's. Ranges inside the record go through `toDocument`, so
   * event rules and hovers need not know; `fromDocument` is the way back, for
   * a hover at a place of the document (undefined outside the string).
   */
  inString?: { text: string; toDocument(offset: number): number; fromDocument?(offset: number): number | undefined };
}

