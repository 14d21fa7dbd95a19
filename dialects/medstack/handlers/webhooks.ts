import type { OperationHandler } from '../../types';
import { bodyOf, caller, list, webhookJson } from '../mappers';

const input = (b: Record<string, unknown>) => ({
  url: b.url as string | undefined,
  label: b.label as string | undefined,
  clusterId: b.cluster_id as string | undefined,
});

export const listOutgoingWebhooks: OperationHandler = (req, core) =>
  ({ status: 200, body: list(core.webhooks.list(caller(req), req.params.company_id), webhookJson) });

export const getOutgoingWebhook: OperationHandler = (req, core) =>
  ({ status: 200, body: webhookJson(core.webhooks.get(caller(req), req.params.company_id, req.params.outgoing_webhook_id)) });

export const createOutgoingWebhook: OperationHandler = (req, core) =>
  ({ status: 201, body: webhookJson(core.webhooks.create(caller(req), req.params.company_id, 'medstack', input(bodyOf(req)))) });

export const updateOutgoingWebhook: OperationHandler = (req, core) => ({
  status: 200,
  body: webhookJson(core.webhooks.update(caller(req), req.params.company_id, req.params.outgoing_webhook_id, input(bodyOf(req)))),
});

export const deleteOutgoingWebhook: OperationHandler = (req, core) => {
  core.webhooks.remove(caller(req), req.params.company_id, req.params.outgoing_webhook_id);
  return { status: 204 };
};

/** Accepted at once; the delivery happens afterwards and shows in the webhook's metadata. */
export const testOutgoingWebhook: OperationHandler = (req, core) => {
  core.webhooks.test(caller(req), req.params.company_id, req.params.outgoing_webhook_id);
  return { status: 202 };
};
