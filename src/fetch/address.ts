/** Addresses a server-side fetch must not reach unless asked to (SSRF). */
import { BlockList, isIPv4, isIPv6 } from "node:net";

const blocked = new BlockList();
// IPv4: "this network", private (RFC 1918), carrier-grade NAT, loopback, link-local (cloud metadata), IETF protocol, benchmarking, multicast and reserved.
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
// IPv6: unspecified, loopback, unique-local, link-local, site-local (deprecated) and multicast.
blocked.addAddress("::", "ipv6");
blocked.addAddress("::1", "ipv6");
for (const [net, prefix] of [["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8]] as const) blocked.addSubnet(net, prefix, "ipv6");

/** IPv6 forms that carry an IPv4 address inside: mapped, compatible, NAT64. */
const EMBEDDED_V4 = /^(?:::ffff:(?:0:)?|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i;

export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (isIPv4(a)) return blocked.check(a, "ipv4");
  if (!isIPv6(a)) return false;
  const v4 = EMBEDDED_V4.exec(a) ?? EMBEDDED_V4.exec(hexTailToDotted(a));
  if (v4) return blocked.check(v4[1], "ipv4");
  return blocked.check(a, "ipv6");
}

/** "::ffff:7f00:1" → "::ffff:127.0.0.1", so the embedded-IPv4 check sees it. */
function hexTailToDotted(a: string): string {
  const m = /^(.*:)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(a);
  if (!m) return a;
  const hi = parseInt(m[2], 16);
  const lo = parseInt(m[3], 16);
  return `${m[1]}${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}
