import net from 'node:net';

/**
 * The canonical form of a trusted client entry ("192.0.2.10", "10.0.0.0/8",
 * "2001:db8::/32"), or null when it is neither an IP address nor a CIDR block.
 */
export function normaliseClientAddress(entry: string): string | null {
  const [address = '', prefix, extra] = entry.trim().split('/');
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined) return null;
  if (prefix === undefined) return address.toLowerCase();
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || bits > max) return null;
  return `${address.toLowerCase()}/${bits}`;
}

/**
 * True when the SMTP client's address is in the trusted list (exact IPs or CIDR blocks).
 * IPv4 clients seen through an IPv6 socket (::ffff:192.0.2.10) match IPv4 entries.
 * Entries that do not parse are skipped, so one typo cannot trust everyone.
 */
export function isTrustedClient(ip: string, trustedList: readonly string[]): boolean {
  const client = ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = net.isIP(client);
  if (family === 0) return false;
  const list = new net.BlockList();
  for (const entry of trustedList) {
    const normalised = normaliseClientAddress(entry);
    if (!normalised) continue;
    const [address = '', prefix] = normalised.split('/');
    const type = net.isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list.check(client, family === 4 ? 'ipv4' : 'ipv6');
}
