import type { OperationHandler } from '../../types';
import { bodyOf, configJson, list, scope, secretJson, volumeJson } from '../mappers';

export const listSecrets: OperationHandler = (req, core) =>
  ({ status: 200, body: list(core.clusterFiles.listSecrets(...scope(req)), secretJson) });

/** The value goes in and never comes out again. */
export const createSecret: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  return { status: 201, body: secretJson(core.clusterFiles.createSecret(...scope(req), String(b.name), String(b.data))) };
};

export const deleteSecret: OperationHandler = (req, core) => {
  core.clusterFiles.deleteSecret(...scope(req), req.params.secret_id);
  return { status: 204 };
};

export const listConfigs: OperationHandler = (req, core) =>
  ({ status: 200, body: list(core.clusterFiles.listConfigs(...scope(req)), configJson) });

export const getConfig: OperationHandler = (req, core) =>
  ({ status: 200, body: configJson(core.clusterFiles.getConfig(...scope(req), req.params.config_id)) });

export const createConfig: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  return { status: 201, body: configJson(core.clusterFiles.createConfig(...scope(req), String(b.name), String(b.data))) };
};

export const deleteConfig: OperationHandler = (req, core) => {
  core.clusterFiles.deleteConfig(...scope(req), req.params.config_id);
  return { status: 204 };
};

export const listVolumes: OperationHandler = (req, core) =>
  ({ status: 200, body: list(core.clusterFiles.listVolumes(...scope(req)), (v) => volumeJson(v, core)) });

export const createVolume: OperationHandler = (req, core) =>
  ({ status: 201, body: volumeJson(core.clusterFiles.createVolume(...scope(req), String(bodyOf(req).name)), core) });

export const deleteVolume: OperationHandler = (req, core) => {
  core.clusterFiles.deleteVolume(...scope(req), req.params.volume_id);
  return { status: 204 };
};
