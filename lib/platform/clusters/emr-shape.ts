import {
  ACTIVE_STATES,
  CLUSTER_STATES,
  STEP_STATES,
  type Cluster,
  type ClusterState,
  type ClusterStep,
  type InstanceGroup,
  type StateChange,
} from "./port";

/**
 * EMR's DescribeCluster / ListSteps shapes, as the SDK returns them (Date objects) and as the local
 * clusters write them (ISO strings): one mapping to the port's types for both adapters.
 */
type When = Date | string | undefined | null;

export interface EmrGroupShape {
  InstanceGroupType?: string;
  InstanceType?: string;
  Market?: string;
  RequestedInstanceCount?: number;
  RunningInstanceCount?: number;
}

export interface EmrFleetShape {
  InstanceFleetType?: string;
  TargetOnDemandCapacity?: number;
  TargetSpotCapacity?: number;
  ProvisionedOnDemandCapacity?: number;
  ProvisionedSpotCapacity?: number;
  InstanceTypeSpecifications?: { InstanceType?: string }[];
  InstanceTypeConfigs?: { InstanceType?: string }[];
}

export interface EmrClusterShape {
  Id?: string;
  Name?: string;
  Status?: {
    State?: string;
    StateChangeReason?: { Code?: string; Message?: string };
    Timeline?: { CreationDateTime?: When; ReadyDateTime?: When; EndDateTime?: When };
  };
  ReleaseLabel?: string;
  NormalizedInstanceHours?: number;
  AutoTerminationPolicy?: { IdleTimeout?: number };
  Tags?: { Key?: string; Value?: string }[];
  InstanceGroups?: EmrGroupShape[];
}

export interface EmrStepShape {
  Id?: string;
  Name?: string;
  Status?: {
    State?: string;
    StateChangeReason?: { Message?: string };
    FailureDetails?: { Reason?: string; Message?: string; LogFile?: string };
    Timeline?: { CreationDateTime?: When; StartDateTime?: When; EndDateTime?: When };
  };
}

export const toDate = (value: When): Date | null => (value ? new Date(value) : null);

function clusterState(value: string | undefined): ClusterState {
  const found = CLUSTER_STATES.find((s) => s === value);
  if (!found) throw new Error(`unknown cluster state ${value}`);
  return found;
}

const role = (value: string | undefined): InstanceGroup["role"] => (value === "MASTER" || value === "TASK" ? value : "CORE");

export function groupsFromInstanceGroups(groups: EmrGroupShape[]): InstanceGroup[] {
  return groups.map((g) => ({
    role: role(g.InstanceGroupType),
    instanceType: g.InstanceType ?? "unknown",
    count: g.RequestedInstanceCount ?? g.RunningInstanceCount ?? 0,
    market: g.Market === "SPOT" ? "SPOT" : "ON_DEMAND",
  }));
}

/** A fleet mixes markets (and, in general, types): one entry per market it holds capacity in. */
export function groupsFromFleets(fleets: EmrFleetShape[]): InstanceGroup[] {
  return fleets.flatMap((f) => {
    const type = f.InstanceTypeSpecifications?.[0]?.InstanceType ?? f.InstanceTypeConfigs?.[0]?.InstanceType ?? "unknown";
    const onDemand = f.ProvisionedOnDemandCapacity || f.TargetOnDemandCapacity || 0;
    const spot = f.ProvisionedSpotCapacity || f.TargetSpotCapacity || 0;
    const entries: InstanceGroup[] = [];
    if (onDemand > 0) entries.push({ role: role(f.InstanceFleetType), instanceType: type, count: onDemand, market: "ON_DEMAND" });
    if (spot > 0) entries.push({ role: role(f.InstanceFleetType), instanceType: type, count: spot, market: "SPOT" });
    return entries;
  });
}

/** EMR gives only the timeline's three moments; the local clusters keep every change. */
function historyFromTimeline(cluster: EmrClusterShape, state: ClusterState, reason: string | null): StateChange[] {
  const t = cluster.Status?.Timeline;
  const history: StateChange[] = [];
  const created = toDate(t?.CreationDateTime);
  const ready = toDate(t?.ReadyDateTime);
  const ended = toDate(t?.EndDateTime);
  if (created) history.push({ state: "STARTING", at: created, reason: null });
  if (ready) history.push({ state: "WAITING", at: ready, reason: null });
  if (ended) history.push({ state, at: ended, reason });
  return history;
}

export function toCluster(
  shape: EmrClusterShape,
  extra: { groups: InstanceGroup[]; history?: { State?: string; Timestamp?: When; Reason?: string }[]; idleSince: Date | null },
): Cluster {
  const state = clusterState(shape.Status?.State);
  const reasonParts = [shape.Status?.StateChangeReason?.Code, shape.Status?.StateChangeReason?.Message].filter(Boolean);
  const stateReason = reasonParts.length ? reasonParts.join(": ") : null;
  const tags = new Map((shape.Tags ?? []).map((t) => [t.Key, t.Value]));
  const dagId = tags.get("dag_id");
  const runId = tags.get("run_id");
  const createdAt = toDate(shape.Status?.Timeline?.CreationDateTime);
  if (!shape.Id || !createdAt) throw new Error("a cluster description without an id or a creation time");
  return {
    id: shape.Id,
    name: shape.Name ?? shape.Id,
    state,
    stateReason,
    releaseLabel: shape.ReleaseLabel ?? null,
    createdAt,
    readyAt: toDate(shape.Status?.Timeline?.ReadyDateTime),
    endedAt: toDate(shape.Status?.Timeline?.EndDateTime),
    stateHistory: extra.history
      ? extra.history.map((h) => ({ state: clusterState(h.State), at: toDate(h.Timestamp)!, reason: h.Reason ?? null }))
      : historyFromTimeline(shape, state, stateReason),
    instanceGroups: extra.groups,
    normalizedInstanceHours: shape.NormalizedInstanceHours ?? 0,
    autoTerminateIdleSeconds: shape.AutoTerminationPolicy?.IdleTimeout ?? null,
    idleSince: state === "WAITING" ? extra.idleSince : null,
    dagRun: dagId && runId ? { dagId, runId } : null,
  };
}

export function toStep(shape: EmrStepShape, logUri: string | null): ClusterStep {
  const state = STEP_STATES.find((s) => s === shape.Status?.State);
  if (!shape.Id || !state) throw new Error(`a step without an id or with an unknown state ${shape.Status?.State}`);
  const failure = shape.Status?.FailureDetails;
  return {
    id: shape.Id,
    name: shape.Name ?? shape.Id,
    state,
    startedAt: toDate(shape.Status?.Timeline?.StartDateTime),
    endedAt: toDate(shape.Status?.Timeline?.EndDateTime),
    failureReason: state === "FAILED" ? [failure?.Reason, failure?.Message].filter(Boolean).join(": ") || "failed" : null,
    logUri,
  };
}

/** A WAITING cluster is idle since it became ready or since its last step ended, whichever is later. */
export function idleSinceFrom(shape: EmrClusterShape, steps: EmrStepShape[]): Date | null {
  if (shape.Status?.State !== "WAITING") return null;
  const moments = [toDate(shape.Status?.Timeline?.ReadyDateTime), ...steps.map((s) => toDate(s.Status?.Timeline?.EndDateTime))];
  const times = moments.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export const isActive = (state: ClusterState) => ACTIVE_STATES.includes(state);
