// Where a webhook may point. Delivering to private, loopback or link-local addresses would let a
// workspace admin probe the server's own network (SSRF), so those are refused unless
// WEBHOOKS_ALLOW_PRIVATE is set. The check is on the resolved addresses, not the host name, and
// the connection uses the very addresses that passed (no second lookup to rebind).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is private, loopback, link-local, reserved or multicast. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  // IPv4-mapped (::ffff:10.0.0.1) is the IPv4 address in disguise.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return blocked.check(mapped, 'ipv4');
  return blocked.check(address, 'ipv6');
}

export class TargetRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefusedError';
  }
}

/** URL host without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** All addresses of a host (an IP literal is its own address). */
export async function resolveHost(host: string): Promise<LookupAddress[]> {
  if (isIP(host) !== 0) return [{ address: host, family: isIP(host) }];
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

/** Throws TargetRefusedError unless every address of the URL's host may be a target. */
export async function checkTarget(url: URL, allowPrivate: boolean): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await resolveHost(hostOf(url));
  } catch {
    throw new TargetRefusedError(`The host ${url.hostname} does not resolve`);
  }
  if (addresses.length === 0) throw new TargetRefusedError(`The host ${url.hostname} does not resolve`);
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad !== undefined && !allowPrivate) {
    throw new TargetRefusedError(`${url.hostname} resolves to ${bad.address}, a private, loopback or reserved address (set WEBHOOKS_ALLOW_PRIVATE=1 to allow it)`);
  }
  return addresses;
}
