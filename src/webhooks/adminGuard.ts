import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { networkInterfaces } from 'node:os';

export const ADMIN_TARGET_REFUSAL = "Webhook url must not point at the emulator's own admin API";

/**
 * Knows where the emulator's admin API listens (the gateway's port on this machine's addresses) and
 * refuses webhook deliveries there: a webhook must never reset or seed the emulator that sends it.
 * The whole gateway port is refused, not only /_polypaas paths: paths have too many spellings
 * (`//_polypaas`, `/%5Fpolypaas`, dot segments) to match them safely.
 */
export class AdminGuard {
  private readonly ports = new Set<number>();

  constructor(private readonly boundHost: string) {}

  /** Called once the gateway listens: its real port (a port of 0 is only known then). */
  addAdminPort(port: number): void {
    this.ports.add(port);
  }

  /** Why `url` is refused, judged on the literal host only (creation time; names resolve later). */
  refusalFor(url: URL): string | undefined {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const local = isIP(host) ? this.isLocalAddress(host) : /^(.+\.)?localhost\.?$/i.test(host);
    return local && this.ports.has(portOf(url)) ? ADMIN_TARGET_REFUSAL : undefined;
  }

  /**
   * A DNS lookup for one delivery that fails when the name resolves to this machine on the admin
   * port; the connection then uses the very addresses checked, so a name cannot change in between.
   */
  lookupFor(url: URL): LookupFunction {
    const port = portOf(url);
    return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
      dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error);
        if (this.ports.has(port) && addresses.some((a) => this.isLocalAddress(a.address))) {
          return callback(Object.assign(new Error(`${ADMIN_TARGET_REFUSAL} (${hostname} resolves to this machine)`), { code: 'EADMINTARGET' }));
        }
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0].address, addresses[0].family);
      });
    }) as LookupFunction;
  }

  /** Loopback, unspecified (0.0.0.0 connects to this machine), the bound host, or a local interface. */
  private isLocalAddress(address: string): boolean {
    const plain = unmapped(address.toLowerCase());
    if (/^127\./.test(plain) || plain === '0.0.0.0' || plain === '::1' || plain === '::' || plain === this.boundHost) return true;
    return Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address.toLowerCase() === plain));
  }
}

/** An IPv4-mapped IPv6 address as its IPv4 form; URLs print them in hex (`[::ffff:7f00:1]`). */
function unmapped(address: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (!hex) return address;
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

const portOf = (url: URL): number => Number(url.port || (url.protocol === 'https:' ? 443 : 80));
