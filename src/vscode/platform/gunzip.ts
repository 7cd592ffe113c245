/**
 * gunzip in the Node extension host: node:zlib, synchronous and fast. The
 * browser build resolves this module to gunzip.web.ts instead (esbuild.js).
 */
import { gunzipSync } from 'node:zlib';

export async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  return gunzipSync(data);
}
