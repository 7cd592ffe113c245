/**
 * Any JSON value as text for a message. `String(v)` throws "Cannot convert
 * object to primitive value" on the objects jsonc-parser builds (they have no
 * prototype), and a damaged or hostile event puts objects where strings
 * belong: `"eventName": {}`.
 */
export function display(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null || typeof v !== 'object') return String(v);
  try {
    const text = JSON.stringify(v);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return Array.isArray(v) ? '[…]' : '{…}';
  }
}
