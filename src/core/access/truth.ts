/**
 * Three-valued truth for checks that may meet values nobody can read: 'unknown'
 * propagates as in Kleene's logic, so a decision is only as definite as the
 * values it rests on.
 */
export type Tri = 'yes' | 'no' | 'unknown';

export function not(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'unknown';
}
