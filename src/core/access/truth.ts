/**
 * Three-valued truth for checks that may meet values nobody can read: 'unknown'
 * propagates as in Kleene's logic, so a decision is only as definite as the
 * values it rests on.
 */
export type Tri = 'yes' | 'no' | 'unknown';

export function not(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'unknown';
}

/** 'yes' if any is yes; else 'unknown' if any is unknown; else 'no'. */
export function anyOf(a: Tri, b: Tri): Tri {
  if (a === 'yes' || b === 'yes') return 'yes';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'no';
}

/** 'no' if any is no; else 'unknown' if any is unknown; else 'yes'. */
export function allOf(a: Tri, b: Tri): Tri {
  if (a === 'no' || b === 'no') return 'no';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'yes';
}
