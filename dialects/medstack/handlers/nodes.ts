import type { OperationHandler } from '../../types';
import { bodyOf, list, nodeJson, nodeSizeJson, scope } from '../mappers';

export const listNodeSizes: OperationHandler = (req, core) =>
  ({ status: 200, body: list(core.nodes.sizes(...scope(req)), nodeSizeJson) });

export const listNodes: OperationHandler = (req, core) =>
  ({ status: 200, body: list(core.nodes.list(...scope(req)), nodeJson) });

/** The reference answers 202 for a plain read of a node, and so does polypaas. */
export const getNode: OperationHandler = (req, core) =>
  ({ status: 202, body: nodeJson(core.nodes.get(...scope(req), req.params.node_id)) });

export const createNode: OperationHandler = (req, core) =>
  ({ status: 202, body: nodeJson(core.nodes.create(...scope(req), String(bodyOf(req).size_id))) });

export const resizeNode: OperationHandler = (req, core) =>
  ({ status: 202, body: nodeJson(core.nodes.resize(...scope(req), req.params.node_id, String(bodyOf(req).size_id))) });

export const rebootNode: OperationHandler = (req, core) =>
  ({ status: 202, body: nodeJson(core.nodes.reboot(...scope(req), req.params.node_id)) });

export const deleteNode: OperationHandler = (req, core) =>
  ({ status: 202, body: nodeJson(core.nodes.remove(...scope(req), req.params.node_id)) });
