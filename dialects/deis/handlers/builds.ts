import type { OperationHandler } from '../../types';
import { bodyOf, buildJson, caller, jsonMap, paginate } from '../mappers';

export const listBuilds: OperationHandler = (req, core) =>
  paginate(req, core.releases.listBuilds(caller(req), req.params.id), (b) => buildJson(req.params.id, b));

export const getBuild: OperationHandler = (req, core) =>
  ({ status: 200, body: buildJson(req.params.id, core.releases.getBuild(caller(req), req.params.id, req.params.uuid)) });

/** A build makes a new release with the latest config and deploys it; its number goes in X-Deis-Release. */
export const createBuild: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const procfile = jsonMap(b.procfile, 'procfile');
  const { build, release } = core.releases.createBuild(caller(req), req.params.id, {
    image: String(b.image),
    sha: b.sha === undefined ? undefined : String(b.sha),
    dockerfile: b.dockerfile === undefined ? undefined : String(b.dockerfile),
    procfile: procfile && Object.fromEntries(Object.entries(procfile).map(([k, v]) => [k, String(v)])),
  });
  return { status: 201, body: buildJson(req.params.id, build), headers: { 'X-Deis-Release': String(release.version) } };
};
