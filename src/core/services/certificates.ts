import { X509Certificate } from 'node:crypto';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { certificates, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Certificate, Principal } from '../model';
import { AccessPolicy } from './access';

export interface NewCertificate {
  /** PEM. */
  certificate: string;
  key: string;
  /** Default: the certificate's own subject CN. */
  commonName?: string;
}

/** A certificate as clients see it: never its key, with its owner's name ("" once they left). */
export type CertificateView = Omit<Certificate, 'privateKey'> & { ownerName: string };

/** What the certificate itself says: the controller reads its CN and expiry; SANs are kept for the router. */
export function readCertificate(pem: string): { commonName?: string; subjectAltNames: string[]; expiresAt: string } {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch (error) {
    throw fail('certificate.invalid', { reason: (error as Error).message }, 'certificate');
  }
  return {
    commonName: /^CN=(.+)$/m.exec(x509.subject)?.[1],
    subjectAltNames: (x509.subjectAltName ?? '').split(', ').filter((name) => name.startsWith('DNS:')).map((name) => name.slice(4)),
    expiresAt: new Date(x509.validTo).toISOString(),
  };
}

/** TLS certificates of a tenant's router, each named by its common name. */
export class CertificateService {
  constructor(private readonly ctx: CoreContext, private readonly access: AccessPolicy) {}

  private get db() { return this.ctx.store.db; }

  private select() {
    const { privateKey: _key, ...columns } = getTableColumns(certificates);
    return this.db.select({ ...columns, ownerName: sql<string>`coalesce(${users.username}, '')` })
      .from(certificates).leftJoin(users, eq(certificates.ownerId, users.id));
  }

  /** Adds a certificate to the caller's home tenant, owned by the caller. */
  add(p: Principal, input: NewCertificate): CertificateView {
    return this.ctx.store.tx(() => {
      const tenant = this.access.tenant(p, p.homeTenantId);
      const read = readCertificate(input.certificate);
      if (!input.key) throw fail('certificate.key_required', {}, 'key');
      const commonName = input.commonName || read.commonName;
      if (!commonName) throw fail('certificate.common_name_required', {}, 'common_name');
      const taken = this.db.select({ id: certificates.id }).from(certificates)
        .where(and(eq(certificates.tenantId, tenant.id), eq(certificates.commonName, commonName))).get();
      if (taken) throw fail('certificate.common_name_taken', { name: commonName }, 'common_name');
      const now = nowIso(this.ctx);
      const { id } = this.db.insert(certificates).values({
        tenantId: tenant.id, ownerId: p.userId, commonName, certificate: input.certificate, privateKey: input.key,
        subjectAltNames: read.subjectAltNames, expiresAt: read.expiresAt, createdAt: now, updatedAt: now,
      }).returning({ id: certificates.id }).get();
      return this.select().where(eq(certificates.id, id)).get()!;
    });
  }

  /** The certificates the caller may use, oldest first. */
  list(p: Principal): CertificateView[] {
    return this.select().where(AccessPolicy.ownedBy(p, certificates.tenantId, certificates.ownerId)).orderBy(asc(certificates.id)).all();
  }

  /** The certificate of that common name in one of the caller's tenants (the home tenant first). */
  get(p: Principal, commonName: string): CertificateView {
    const found = this.select().where(eq(certificates.commonName, commonName))
      .orderBy(sql`${certificates.tenantId} = ${p.homeTenantId} DESC`, asc(certificates.id)).all()
      .filter((c) => p.roles.has(c.tenantId));
    return this.access.owned(p, found[0], 'certificate.not_found');
  }

  remove(p: Principal, commonName: string): void {
    this.ctx.store.tx(() => {
      const certificate = this.get(p, commonName);
      this.db.delete(certificates).where(eq(certificates.id, certificate.id)).run();
    });
  }
}
