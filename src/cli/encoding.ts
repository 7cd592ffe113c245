import * as fs from 'node:fs';

/**
 * The text encodings files reach the CLI in, told by their byte order mark:
 * UTF-8 (with or without a BOM, as Windows editors and PowerShell's
 * `Out-File -Encoding utf8` write it) and UTF-16 (Windows PowerShell 5.1's `>`
 * writes UTF-16 LE with a BOM: `aws kms get-key-policy ... > policy.json`).
 * The text is read without its BOM, as VS Code shows it, so the CLI and the
 * editor see the same characters; a file the CLI rewrites (`--fix`,
 * `--write`) keeps its encoding and its BOM.
 */
export type TextEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.toString('utf8', 3), encoding: 'utf8bom' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.toString('utf16le', 2), encoding: 'utf16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Node has no UTF-16 BE decoder: swap each pair of bytes (a trailing odd byte is dropped, as a decoder would).
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf16be' };
  }
  return { text: bytes.toString('utf8'), encoding: 'utf8' };
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8': return Buffer.from(text, 'utf8');
    case 'utf8bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const body = Buffer.from(text, 'utf16le');
      body.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
  }
}

/** Standard input, decoded as a file is. */
export function readStdinText(): string {
  return decodeText(fs.readFileSync(0)).text;
}
