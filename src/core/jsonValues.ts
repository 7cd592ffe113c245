/**
 * Reading the values `JSON.parse` made. Two questions come up everywhere, and
 * they are different: "is it a string?" (an empty string is still what the
 * file says) and "does it name something?" (an empty string names nothing,
 * as in an event's `eventID: ""` or a grant's `"Name": ""`).
 */

/** The value if it is a string, the empty string included; otherwise undefined. No conversion. */
export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value if it is a string with at least one character; otherwise undefined. */
export function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The strings of an array (other items dropped); an empty array for anything else. */
export function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
