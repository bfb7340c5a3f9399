import type { RouteSpec } from "./handler";
import { listAuditEvents } from "./contracts/audit";
import { createBackfill, getBackfill, listBackfills, previewBackfill } from "./contracts/backfills";
import { downloadStepLog, getCluster, getStepLog, listClusters, terminateCluster } from "./contracts/clusters";
import { getCosts } from "./contracts/costs";
import { getBudget, listAlarms } from "./contracts/health";
import { deleteObject, downloadObject, listBuckets, listObjects, previewObject, summarizePrefix, uploadObject } from "./contracts/lake";
import { downloadTaskLog, estimateRun, getDag, getTaskLog, getRun, listDags, listRuns, pauseDag, rerunRun, runsSummary, triggerRun } from "./contracts/pipelines";
import { listPeopleRoute, setPersonAccess, setPersonRole } from "./contracts/people";
import { health, status } from "./contracts/system";
import { getDataset, getObjectLineage, listDatasets, postLineageEvent } from "./contracts/lineage";

/** Every route of the JSON API; /api/openapi.json is generated from this list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ROUTES: RouteSpec<any, any, any, any>[] = [
  health,
  status,
  listAlarms,
  listAuditEvents,
  listPeopleRoute,
  setPersonAccess,
  setPersonRole,
  listBuckets,
  listObjects,
  summarizePrefix,
  previewObject,
  downloadObject,
  uploadObject,
  deleteObject,
  listClusters,
  getCluster,
  terminateCluster,
  getStepLog,
  downloadStepLog,
  getCosts,
  getBudget,
  listDags,
  getDag,
  triggerRun,
  estimateRun,
  pauseDag,
  previewBackfill,
  createBackfill,
  listBackfills,
  getBackfill,
  listRuns,
  runsSummary,
  getRun,
  getTaskLog,
  downloadTaskLog,
  rerunRun,
  postLineageEvent,
  getObjectLineage,
  listDatasets,
  getDataset,
];
