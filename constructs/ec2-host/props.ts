import type { Platform } from "../limits/images";
import type { ServiceDependency } from "./compose";

/** The app image: from a repository of this account's ECR in the host's region, or any public image. */
export type Ec2HostImage =
  | {
      /** Repository name, e.g. `shop-prod/web`. */
      readonly ecrRepositoryName: string;
      /** A tag resolved to its digest at plan time, e.g. the content tag `berth publish` pushes. Give this or `pinnedReference`. @default - none */
      readonly tag?: string;
      /** `<repository uri>@sha256:…` as `berth publish` pushed it. Give this or `tag`. @default - none */
      readonly pinnedReference?: string;
    }
  | {
      /** An image pullable without credentials, with a tag or digest, e.g. `public.ecr.aws/nginx/nginx:1.27`. */
      readonly uri: string;
    };

export interface Ec2HostEgressRule {
  readonly port: number;
  readonly cidrBlocks: readonly string[];
  readonly description: string;
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
}

export interface Ec2HostHealthCheck {
  /** HTTP path probed on the host after each update; a 2xx or 3xx answer passes. @default "/" */
  readonly path?: string;
  /** Seconds between probes. @default 10 */
  readonly intervalSeconds?: number;
  /** Seconds before a probe counts as failed. @default 5 */
  readonly timeoutSeconds?: number;
  /** Consecutive passes that make a release healthy. @default 2 */
  readonly healthyThreshold?: number;
  /** Seconds the app may take to start; the update timeout must be longer. @default 30 */
  readonly gracePeriodSeconds?: number;
}

/** A health check Docker runs inside the app container; the same ranges as ECS's (ECS API Reference, HealthCheck), so that a service moves between targets unchanged. */
export interface Ec2HostContainerHealthCheck {
  /** `["CMD", executable, ...args]` or `["CMD-SHELL", "one shell command"]`. */
  readonly command: readonly string[];
  /** Seconds between checks (5-300). @default 30 */
  readonly intervalSeconds?: number;
  /** Seconds before a check counts as failed (2-60). @default 5 */
  readonly timeoutSeconds?: number;
  /** Consecutive failures that make the container unhealthy (1-10). @default 3 */
  readonly retries?: number;
  /** Seconds after start during which failures do not count (0-300). @default 0 */
  readonly startPeriodSeconds?: number;
}

export interface Ec2HostVolume {
  /** Volume name, unique; Docker's name is `<compose project>_<name>` (`berth_<name>` on the host). */
  readonly name: string;
  /** Absolute mount path in the app container. */
  readonly path: string;
  /** Owner uid of the volume's top directory: the user the app runs as. @default 1000 */
  readonly uid?: number;
  /** Owner gid of the volume's top directory. @default 1000 */
  readonly gid?: number;
}

/**
 * One more service of the app in the host's compose project, beside the public one: an internal
 * service (a database, a cache), a worker, or a one-shot job (one that a service depends on with
 * "completed", e.g. migrations: it runs once per release and is not restarted). The host publishes
 * none of its ports; the app's services reach it by its name.
 */
export interface Ec2HostService {
  /** Compose service name and host name between the services: a DNS label of 1-20 characters. */
  readonly name: string;
  /** Its image, on the host's platform. */
  readonly image: Ec2HostImage;
  /** Command (exec form) overriding the image's CMD. @default - the image's CMD */
  readonly command?: readonly string[];
  /** Entrypoint (exec form) overriding the image's ENTRYPOINT. @default - the image's ENTRYPOINT */
  readonly entrypoint?: readonly string[];
  /** Plain environment variables. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Variables read at start from SSM parameter or Secrets Manager ARNs; a name used by several services reads one ARN. @default {} */
  readonly secrets?: Readonly<Record<string, string>>;
  /** A check Docker runs inside the container; updates wait for it as for the public service's. @default - the image's HEALTHCHECK, if any */
  readonly containerHealthCheck?: Ec2HostContainerHealthCheck;
  /** Named volumes on the data volume; a volume mounted by several services has one owner. @default [] */
  readonly volumes?: readonly Ec2HostVolume[];
  /** The services (by name, the public one included) it starts after, each with what it waits for. @default {} */
  readonly dependsOn?: Readonly<Record<string, ServiceDependency>>;
  /** Port it listens on in its container; needed with `route`. @default - none */
  readonly port?: number;
  /**
   * Makes it a public service beside the default one: Caddy sends it the requests under a path
   * prefix, for a host name, or both (with HTTPS, Caddy obtains a certificate for the host too),
   * trying routes in the load balancer's order (`priority`: as LoadBalancerRouteProps.priority).
   * @default - not public
   */
  readonly route?: { readonly pathPrefix?: string; readonly host?: string; readonly priority?: number };
  /** A routed service's HTTP probe (path and timeout; the interval and threshold are the public service's). @default - see each field */
  readonly healthCheck?: Pick<Ec2HostHealthCheck, "path" | "timeoutSeconds">;
}

export interface Ec2HostHttps {
  /** Domain served; its DNS must point at the host (an Elastic IP keeps the address stable). */
  readonly domain: string;
  /** ACME account e-mail. @default - none */
  readonly email?: string;
}

export interface Ec2HostProps {
  /** Name prefix of the host's resources, e.g. `shop-prod`. */
  readonly name: string;
  /** AWS region of the host (log driver, secrets). */
  readonly region: string;
  readonly vpcId: string;
  /** A public subnet (default route to an internet gateway). */
  readonly subnetId: string;
  /** The public service's image. */
  readonly image: Ec2HostImage;
  /** The public service's name in the compose project (the one published on the host). @default "web" */
  readonly serviceName?: string;
  /** Platform of the images; must match the instance type's architecture. @default "linux/amd64" */
  readonly platform?: Platform;
  /** Port the app listens on inside its container. */
  readonly port: number;
  /** Command (exec form) overriding the image's CMD. @default - the image's CMD */
  readonly command?: readonly string[];
  /** Entrypoint (exec form) overriding the image's ENTRYPOINT; the image's CMD is then not used. @default - the image's ENTRYPOINT */
  readonly entrypoint?: readonly string[];
  /** Plain environment variables. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Environment variables read at start from SSM parameter or Secrets Manager ARNs (`...:json-key::` allowed). @default {} */
  readonly secrets?: Readonly<Record<string, string>>;
  /** @default - see each field */
  readonly healthCheck?: Ec2HostHealthCheck;
  /**
   * A check Docker runs inside the app container. An update waits for it to report healthy (besides
   * `healthCheck`'s HTTP probe) and rolls back when it reports unhealthy. @default - the image's HEALTHCHECK, if any
   */
  readonly containerHealthCheck?: Ec2HostContainerHealthCheck;
  /**
   * Docker named volumes on the data volume, mounted into the app container. Each release gives the
   * volume's top directory to `uid`:`gid` (default 1000:1000) before the app starts; what the app
   * makes inside keeps its owner. @default []
   */
  readonly volumes?: readonly Ec2HostVolume[];
  /** The services (by name) the public service starts after, each with what it waits for. @default {} */
  readonly dependsOn?: Readonly<Record<string, ServiceDependency>>;
  /**
   * The app's other services, in the same compose project: one release holds every service's image,
   * and an update waits for all of them and rolls all of them back together. @default []
   */
  readonly services?: readonly Ec2HostService[];
  /** EC2 instance type; its architecture must match `platform`. @default "t3.small" (amd64), "t4g.small" (arm64) */
  readonly instanceType?: string;
  /** Encrypted gp3 root volume size. @default 20 */
  readonly rootVolumeGiB?: number;
  /** Encrypted gp3 data volume size (Docker named volumes). @default 20 */
  readonly dataVolumeGiB?: number;
  /** Terraform prevent_destroy on the data volume. @default true */
  readonly protectDataVolume?: boolean;
  /** Sources allowed to reach the published ports (80, and 443 with HTTPS). @default ["0.0.0.0/0"] */
  readonly ingressCidrs?: readonly string[];
  /** Outbound rules. @default HTTPS (443) and HTTP (80) to anywhere */
  readonly egress?: readonly Ec2HostEgressRule[];
  /** HTTPS through Caddy, which obtains and renews the certificate. @default - plain HTTP on port 80 */
  readonly https?: Ec2HostHttps;
  /** Caddy image of the reverse proxy, which runs with `https` or when a service has a route. @default DEFAULT_PROXY_IMAGE */
  readonly proxyImage?: string;
  /** A static public IP that survives instance replacement. @default false */
  readonly elasticIp?: boolean;
  /** Refuse API termination of the instance. @default false */
  readonly terminationProtection?: boolean;
  /** 1-minute CloudWatch instance metrics. @default false */
  readonly detailedMonitoring?: boolean;
  /** Let containers reach the instance role through IMDS (hop limit 2 instead of 1). @default false */
  readonly containersUseInstanceRole?: boolean;
  /** Retention of the containers' log group. @default 14 */
  readonly logRetentionDays?: number;
  /** Seconds an update waits for the new release to become healthy before rolling back. @default 180 */
  readonly updateTimeoutSeconds?: number;
  /** Seconds between SIGTERM and SIGKILL when a container stops. @default 30 */
  readonly stopGracePeriodSeconds?: number;
  /** docker/compose release installed when the AMI lacks the compose plugin. @default DEFAULT_COMPOSE_VERSION */
  readonly composeVersion?: string;
  /** SHA-256 of that release's binary for the instance's architecture. @default - the checksum file published with the release */
  readonly composeSha256?: string;
}

/** Caddy 2 from the ECR Public mirror of Docker Official Images (no Docker Hub rate limits). */
export const DEFAULT_PROXY_IMAGE = "public.ecr.aws/docker/library/caddy:2.10.2-alpine";
export const DEFAULT_COMPOSE_VERSION = "v2.39.4";
/** Seconds between SIGTERM and SIGKILL (docker compose's own default is 10; apps get time to drain). */
export const DEFAULT_STOP_GRACE_PERIOD_SECONDS = 30;
/** The host port the app is published on without HTTPS, and the port of the proxy's ACME challenges with it. */
export const HOST_HTTP_PORT = 80;
