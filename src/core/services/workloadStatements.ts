import { and, asc, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import { apps, environments, processes } from '../../store/schema';
import { workloadFiles, workloadMounts, workloadSpecs } from '../../store/schema-infra';
import type { Db } from '../../store/store';
import { slotsOf } from './placeholders';

/**
 * The statements of workload writes and the task list, prepared once (WorkloadService's own file would
 * pass 250 lines with them). Every workload write stores its whole spec: one upsert that takes each
 * column from its placeholder; mounts are replaced whole, deleted then inserted one by one.
 */
export function prepareWorkloadStatements(db: Db) {
  const p = sql.placeholder;
  const { appId: _appId, ...columns } = getTableColumns(workloadSpecs);
  return {
    saveSpec: db.insert(workloadSpecs).values({
      appId: p('appId'), command: p('command'), args: p('args'), hosts: p('hosts'), port: p('port'), protocol: p('protocol'),
      healthcheck: p('healthcheck'), placement: p('placement'), updatePolicy: p('updatePolicy'), rollbackPolicy: p('rollbackPolicy'),
    }).onConflictDoUpdate({
      target: workloadSpecs.appId,
      set: Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)])),
    }).prepare(),
    /** Every running process of every app in a cluster, with the app it belongs to. */
    tasksOfCluster: db.select({ process: processes, appId: environments.appId }).from(processes)
      .innerJoin(environments, eq(processes.environmentId, environments.id))
      .innerJoin(apps, eq(environments.appId, apps.id))
      .where(and(eq(apps.clusterId, p('clusterId')), ne(processes.type, 'run')))
      .orderBy(asc(apps.createdAt), asc(processes.type), asc(processes.num)).prepare(),
    deleteFiles: db.delete(workloadFiles).where(and(eq(workloadFiles.appId, p('appId')), eq(workloadFiles.kind, p('kind')))).prepare(),
    insertFile: db.insert(workloadFiles).values(slotsOf(workloadFiles)).prepare(),
    deleteMounts: db.delete(workloadMounts).where(eq(workloadMounts.appId, p('appId'))).prepare(),
    insertMount: db.insert(workloadMounts).values(slotsOf(workloadMounts)).prepare(),
  };
}
