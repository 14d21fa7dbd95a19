import express from 'express';
import { refuseUnparsedBody } from '../../src/http/bodies';
import type { DialectAdapter, OperationHandler } from '../types';
import { medstackAuth } from './auth';
import { MEDSTACK_MESSAGES, renderMedstackError } from './errors';
import { medstackWebhookPayload } from './mappers';
import * as company from './handlers/company';
import * as files from './handlers/files';
import * as nodes from './handlers/nodes';
import * as services from './handlers/services';
import * as webhooks from './handlers/webhooks';

export const medstack: DialectAdapter = {
  name: 'medstack',
  spec: 'medstack.yaml',
  apiRoot: '/v1',
  // The API speaks JSON only; any other body is refused before routing.
  bodyParsers: (limit) => [express.json({ limit, strict: false }), refuseUnparsedBody],
  auth: medstackAuth,
  errors: renderMedstackError,
  messages: MEDSTACK_MESSAGES,
  handlers: { ...company, ...files, ...nodes, ...services, ...webhooks } satisfies Record<string, OperationHandler>,
  webhookPayload: medstackWebhookPayload,
};
