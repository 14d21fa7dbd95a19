import express, { type RequestHandler } from 'express';
import multer from 'multer';
import { refuseUnparsedBody } from '../../src/http/bodies';
import type { DialectAdapter, OperationHandler } from '../types';
import { deisAuth } from './auth';
import { DEIS_MESSAGES, renderDeisError } from './errors';
import { deisCanonicalPath } from './routes';
import { refuseUnservedVersion, withVersionHeader } from './version';
import * as apps from './handlers/apps';
import * as auth from './handlers/auth';
import * as builds from './handlers/builds';
import * as certs from './handlers/certs';
import * as config from './handlers/config';
import * as containers from './handlers/containers';
import * as domains from './handlers/domains';
import * as keys from './handlers/keys';
import * as perms from './handlers/perms';
import * as releases from './handlers/releases';

/** Django's QueryDict hands a view the last value of a repeated form field. */
const lastFormValues: RequestHandler = (req, _res, next) => {
  if (req.body && typeof req.body === 'object' && !req.is('application/json')) {
    for (const [key, value] of Object.entries(req.body)) if (Array.isArray(value)) req.body[key] = value.at(-1);
  }
  next();
};

export const deis: DialectAdapter = {
  name: 'deis',
  spec: 'deis.yaml',
  apiRoot: '/v1',
  bodyParsers: (limit) => [
    express.json({ limit, strict: false }),
    express.urlencoded({ limit, extended: false }),
    multer({ limits: { fieldSize: limit } }).none(),
    lastFormValues,
    // DRF parses JSON, forms and multipart; any other body is a 415 once the view reads it.
    refuseUnparsedBody,
  ],
  auth: deisAuth,
  errors: renderDeisError,
  messages: DEIS_MESSAGES,
  handlers: {
    ...apps, ...auth, ...builds, ...certs, ...config, ...containers, ...domains, ...keys, ...perms, ...releases,
  } satisfies Record<string, OperationHandler>,
  preflight: refuseUnservedVersion,
  canonicalPath: deisCanonicalPath,
  decorate: withVersionHeader,
};
