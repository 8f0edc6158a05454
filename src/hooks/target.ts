/**
 * Where webhooks may go: http(s) only, and — unless the operator allows it — no loopback,
 * private, link-local or otherwise internal address (SSRF). A host name is resolved and every
 * address it has is checked. (A name that resolves differently a moment later is a residual
 * risk; point hooks at names you control.)
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';

const internal = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  internal.addSubnet(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(address, prefix, 'ipv6');
}

const isInternal = (address: string) => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return internal.check(mapped, 'ipv4');
  return internal.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
};

/** Undefined when `url` may be called; otherwise why not. */
export const refuseTarget = async (url: string, allowInternal: boolean): Promise<string | undefined> => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'not an http(s) URL';
  if (allowInternal) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host)
    ? [host]
    : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) return `cannot resolve ${host}`;
  const blocked = addresses.find(isInternal);
  return blocked ? `internal address ${blocked} (set HOOKS_ALLOW_INTERNAL_TARGETS=true to allow)` : undefined;
};
