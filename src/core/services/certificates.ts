import { X509Certificate } from 'node:crypto';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { certificates, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Certificate, Principal } from '../model';
import { AccessPolicy } from './access';
import { slotsOf } from './placeholders';

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
  constructor(private readonly ctx: CoreContext, private readonly access: AccessPolicy) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    const { privateKey: _key, ...columns } = getTableColumns(certificates);
    const views = () => db.select({ ...columns, ownerName: sql<string>`coalesce(${users.username}, '')` })
      .from(certificates).leftJoin(users, eq(certificates.ownerId, users.id));
    this.byId = views().where(eq(certificates.id, p('id'))).prepare();
    // The tenants where the caller may use everything, or its own certificates in any of its tenants (AccessPolicy.owned's rule).
    this.usable = views().where(sql`(${certificates.tenantId} IN (SELECT value FROM json_each(${p('visibleTenants')}))
      OR (${certificates.ownerId} = ${p('visibleUser')} AND ${certificates.tenantId} IN (SELECT value FROM json_each(${p('anyTenant')}))))`)
      .orderBy(asc(certificates.id)).prepare();
    this.named = views().where(eq(certificates.commonName, p('commonName')))
      .orderBy(sql`${certificates.tenantId} = ${p('homeTenantId')} DESC`, asc(certificates.id)).prepare();
    this.nameInTenant = db.select({ id: certificates.id }).from(certificates)
      .where(and(eq(certificates.tenantId, p('tenantId')), eq(certificates.commonName, p('commonName')))).prepare();
    this.insertOne = db.insert(certificates).values(slotsOf(certificates, ['id'])).returning({ id: certificates.id }).prepare();
    this.deleteOne = db.delete(certificates).where(eq(certificates.id, p('id'))).prepare();
  }

  /** The statements of every certificate request, prepared once. */
  private readonly byId;
  private readonly usable;
  private readonly named;
  private readonly nameInTenant;
  private readonly insertOne;
  private readonly deleteOne;

  /** Adds a certificate to the caller's home tenant, owned by the caller. */
  add(p: Principal, input: NewCertificate): CertificateView {
    return this.ctx.store.tx(() => {
      const tenant = this.access.tenant(p, p.homeTenantId);
      const read = readCertificate(input.certificate);
      if (!input.key) throw fail('certificate.key_required', {}, 'key');
      const commonName = input.commonName || read.commonName;
      if (!commonName) throw fail('certificate.common_name_required', {}, 'common_name');
      const taken = this.nameInTenant.get({ tenantId: tenant.id, commonName });
      if (taken) throw fail('certificate.common_name_taken', { name: commonName }, 'common_name');
      const now = nowIso(this.ctx);
      const { id } = this.insertOne.get({
        tenantId: tenant.id, ownerId: p.userId, commonName, certificate: input.certificate, privateKey: input.key,
        subjectAltNames: read.subjectAltNames, expiresAt: read.expiresAt, createdAt: now, updatedAt: now,
      })!;
      return this.byId.get({ id })!;
    });
  }

  /** The certificates the caller may use, oldest first. */
  list(p: Principal): CertificateView[] {
    return this.usable.all({ ...AccessPolicy.visibilityOf(p), anyTenant: JSON.stringify([...p.roles.keys()]) });
  }

  /** The certificate of that common name in one of the caller's tenants (the home tenant first). */
  get(p: Principal, commonName: string): CertificateView {
    const found = this.named.all({ commonName, homeTenantId: p.homeTenantId }).filter((c) => p.roles.has(c.tenantId));
    return this.access.owned(p, found[0], 'certificate.not_found');
  }

  remove(p: Principal, commonName: string): void {
    this.ctx.store.tx(() => {
      const certificate = this.get(p, commonName);
      this.deleteOne.run({ id: certificate.id });
    });
  }
}
