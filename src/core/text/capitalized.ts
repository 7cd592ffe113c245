/** A sentence's first letter in upper case ("the CloudWatch Logs service: ..." begins a summary). */
export function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
