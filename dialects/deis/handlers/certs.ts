import type { OperationHandler } from '../../types';
import { bodyOf, caller, certJson, paginate } from '../mappers';

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export const listCerts: OperationHandler = (req, core) => paginate(req, core.certificates.list(caller(req)), certJson);

/** `deis certs:add`: the common name defaults to the certificate's own CN; the key is never shown again. */
export const createCert: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const cert = core.certificates.add(caller(req), { certificate: String(b.certificate), key: String(b.key), commonName: str(b.common_name) });
  return { status: 201, body: certJson(cert) };
};

export const getCert: OperationHandler = (req, core) =>
  ({ status: 200, body: certJson(core.certificates.get(caller(req), req.params.common_name)) });

export const destroyCert: OperationHandler = (req, core) => {
  core.certificates.remove(caller(req), req.params.common_name);
  return { status: 204 };
};
