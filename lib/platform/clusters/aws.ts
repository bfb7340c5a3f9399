import {
  DescribeClusterCommand,
  EMRClient,
  ListClustersCommand,
  ListInstanceFleetsCommand,
  ListInstanceGroupsCommand,
  ListStepsCommand,
  TerminateJobFlowsCommand,
  type ClusterState as EmrClusterState,
  type StepSummary,
} from "@aws-sdk/client-emr";
import { groupsFromFleets, groupsFromInstanceGroups, idleSinceFrom, toCluster, toStep } from "./emr-shape";
import { ACTIVE_STATES, assertClusterId, ClusterNotFoundError, type Cluster, type Clusters } from "./port";

export interface EmrClustersOptions {
  region: string;
  /** A protocol peer (moto server) instead of AWS. */
  endpoint?: string;
  /** At most this many ListClusters pages (50 clusters each) per list. */
  maxPages?: number;
}

const DESCRIBE_CONCURRENCY = 5;

/**
 * The tag the platform's DAGs put on every cluster they create (dags/builditall/clusters.py). The
 * portal sees and terminates only those; the IAM policy (infra/modules/portal) says the same with an
 * aws:ResourceTag condition.
 */
export const PLATFORM_TAG = { key: "project", value: "builditall" } as const;

const isPlatformCluster = (shape: { Tags?: { Key?: string; Value?: string }[] }) =>
  (shape.Tags ?? []).some((t) => t.Key === PLATFORM_TAG.key && t.Value === PLATFORM_TAG.value);

/** Amazon EMR through @aws-sdk/client-emr. */
export function emrClusters(options: EmrClustersOptions): Clusters {
  const client = new EMRClient({ region: options.region, endpoint: options.endpoint });
  const maxPages = options.maxPages ?? 10;

  async function pages<T>(fetch: (marker: string | undefined) => Promise<{ items: T[]; marker?: string }>, limit = Infinity): Promise<T[]> {
    const all: T[] = [];
    let marker: string | undefined;
    for (let page = 0; page < limit; page++) {
      const result = await fetch(marker);
      all.push(...result.items);
      marker = result.marker;
      if (!marker) break;
    }
    return all;
  }

  async function stepSummaries(id: string): Promise<StepSummary[]> {
    const steps = await pages(async (Marker) => {
      const out = await client.send(new ListStepsCommand({ ClusterId: id, Marker }));
      return { items: out.Steps ?? [], marker: out.Marker };
    });
    return steps.reverse(); // EMR lists newest first
  }

  async function describeShape(id: string) {
    assertClusterId(id);
    try {
      const shape = (await client.send(new DescribeClusterCommand({ ClusterId: id }))).Cluster;
      // Another team's cluster in the same account is, for the portal, not there at all.
      if (!shape || !isPlatformCluster(shape)) throw new ClusterNotFoundError(id);
      return shape;
    } catch (err) {
      if ((err as Error).name === "InvalidRequestException" || (err as Error).name === "ResourceNotFoundException") {
        throw new ClusterNotFoundError(id);
      }
      throw err;
    }
  }

  async function describe(id: string): Promise<Cluster> {
    const shape = await describeShape(id);
    const groups =
      shape.InstanceCollectionType === "INSTANCE_FLEET"
        ? groupsFromFleets((await client.send(new ListInstanceFleetsCommand({ ClusterId: id }))).InstanceFleets ?? [])
        : groupsFromInstanceGroups((await client.send(new ListInstanceGroupsCommand({ ClusterId: id }))).InstanceGroups ?? []);
    const idleSince = shape.Status?.State === "WAITING" ? idleSinceFrom(shape, await stepSummaries(id)) : null;
    return toCluster(shape, { groups, idleSince });
  }

  async function describeIfPlatform(id: string): Promise<Cluster | null> {
    return describe(id).catch((err: unknown) => {
      if (err instanceof ClusterNotFoundError) return null;
      throw err;
    });
  }

  return {
    adapter: "aws",

    async probe() {
      const out = await client.send(new ListClustersCommand({ ClusterStates: [...ACTIVE_STATES] as EmrClusterState[] }));
      return `EMR in ${options.region} answers: ${out.Clusters?.length ?? 0} active cluster(s) on the first page`;
    },

    async list({ active, createdAfter }) {
      const summaries = await pages(async (Marker) => {
        const out = await client.send(
          new ListClustersCommand({
            ClusterStates: active ? ([...ACTIVE_STATES] as EmrClusterState[]) : undefined,
            CreatedAfter: createdAfter,
            Marker,
          }),
        );
        return { items: out.Clusters ?? [], marker: out.Marker };
      }, maxPages);
      const ids = summaries.map((s) => s.Id).filter((id): id is string => !!id);
      const clusters: Cluster[] = [];
      for (let i = 0; i < ids.length; i += DESCRIBE_CONCURRENCY) {
        const described = await Promise.all(ids.slice(i, i + DESCRIBE_CONCURRENCY).map(describeIfPlatform));
        clusters.push(...described.filter((c): c is Cluster => c !== null));
      }
      return clusters.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },

    describe,

    async steps(id) {
      const logUri = (await describeShape(id)).LogUri?.replace(/\/?$/, "/");
      // EMR writes each step's logs to <LogUri><cluster-id>/steps/<step-id>/.
      return (await stepSummaries(id)).map((s) => toStep(s, logUri && s.Id ? `${logUri}${id}/steps/${s.Id}/` : null));
    },

    async terminate(id) {
      const cluster = await describe(id);
      if (cluster.endedAt) return;
      await client.send(new TerminateJobFlowsCommand({ JobFlowIds: [id] }));
    },
  };
}
