/**
 * IP addresses and CIDR ranges for `IpAddress` / `NotIpAddress`. A value
 * without a prefix length is one address (`/32`, or `/128` for IPv6). IAM User
 * Guide, "Condition operators" (IP address):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 *
 * Addresses are kept as eight 16-bit groups (IPv4 as the IPv4-mapped IPv6
 * address), so one comparison serves both families.
 */

export interface IpRange {
  groups: Uint16Array;
  /** Prefix length over the 128 bits. */
  bits: number;
}

function parseV4(s: string, out: Uint16Array): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  const b: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return false;
    const n = Number(p);
    if (n > 255) return false;
    b.push(n);
  }
  out.fill(0);
  out[5] = 0xffff;
  out[6] = (b[0] << 8) | b[1];
  out[7] = (b[2] << 8) | b[3];
  return true;
}

function parseV6(s: string, out: Uint16Array): boolean {
  let text = s;
  // An embedded IPv4 address at the end (`::ffff:192.0.2.1`) is two groups written another way.
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = new Uint16Array(8);
    if (!parseV4(text.slice(lastColon + 1), v4)) return false;
    text = `${text.slice(0, lastColon + 1)}${v4[6].toString(16)}:${v4[7].toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const read = (h: string): number[] | undefined => {
    if (h === '') return [];
    const groups: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };
  const head = read(halves[0]);
  const back = halves.length === 2 ? read(halves[1]) : [];
  if (!head || !back) return false;
  const total = head.length + back.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return false;
  out.fill(0);
  head.forEach((g, i) => (out[i] = g));
  back.forEach((g, i) => (out[8 - back.length + i] = g));
  return true;
}

let lastText: string | undefined;
let lastIp: Uint16Array | undefined;

/** An address, or undefined if `s` is not one. The last one is remembered: a request's address is tested by several statements. */
export function parseIp(s: string): Uint16Array | undefined {
  if (s === lastText) return lastIp;
  const out = new Uint16Array(8);
  const ip = (s.includes(':') ? parseV6(s, out) : parseV4(s, out)) ? out : undefined;
  lastText = s;
  lastIp = ip;
  return ip;
}

/** A range written as an address with an optional `/prefix`, or undefined if it is not one. */
export function parseCidr(s: string): IpRange | undefined {
  const slash = s.indexOf('/');
  const address = slash === -1 ? s : s.slice(0, slash);
  const groups = parseIp(address.trim());
  if (!groups) return undefined;
  const v4 = !address.includes(':');
  const max = v4 ? 32 : 128;
  let prefix = max;
  if (slash !== -1) {
    const p = s.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(p) || Number(p) > max) return undefined;
    prefix = Number(p);
  }
  return { groups, bits: v4 ? 96 + prefix : prefix };
}

export function inRange(ip: Uint16Array, range: IpRange): boolean {
  let bits = range.bits;
  for (let i = 0; i < 8 && bits > 0; i++) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((ip[i] & mask) !== (range.groups[i] & mask)) return false;
    bits -= take;
  }
  return true;
}
