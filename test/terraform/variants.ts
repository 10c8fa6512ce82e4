/**
 * The spec variants the Terraform check synthesizes. Together they switch on every spec option:
 * both stages; fargate, ec2 and both; HTTPS by domain + zone, by certificate ARN and on the host;
 * arm64; Fargate Spot; EFS volumes; sidecars; container health checks on both targets; secrets
 * from SSM and Secrets Manager (with a JSON key); autoscaling; an existing VPC and cluster; no NAT with VPC endpoints; an internal ALB; S3
 * state; an image pinned by the manifest, one by its content tag, and an existing `image.uri`; an
 * app of several services on the host (an internal database with a volume, a one-shot job, a worker),
 * one on both targets (Service Connect between ECS services on fargate), and one with several public
 * services routed by path and host (listener rules and a certificate for every host on fargate, the
 * routing proxy without HTTPS on the host).
 *
 * IDs of existing resources are the AWS stand-in's (EXISTING below); everything else is made up.
 */

/** What the AWS stand-in's world holds for the variants that use existing resources. */
export const EXISTING = {
  accountId: "123456789012",
  region: "eu-west-1",
  vpcId: "vpc-0a1b2c3d4e5f60718",
  publicSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
  privateSubnetIds: ["subnet-0a1b2c3d4e5f60003", "subnet-0a1b2c3d4e5f60004"],
  clusterName: "platform",
} as const;

const SSM_SECRET = `arn:aws:ssm:eu-west-1:${EXISTING.accountId}:parameter/shop/prod/database-url`;
const SECRET_JSON_KEY = `arn:aws:secretsmanager:eu-west-1:${EXISTING.accountId}:secret:shop/prod/stripe-AbCdEf:api_key::`;
const CERTIFICATE_ARN = `arn:aws:acm:eu-west-1:${EXISTING.accountId}:certificate/0b3c8a1e-1111-2222-3333-444455556666`;
const KMS_KEY_ARN = `arn:aws:kms:eu-west-1:${EXISTING.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export interface Variant {
  /** Short name, also the folder the spec is written to. */
  readonly name: string;
  /** The spec object (validated and resolved as berth.config.ts would be). */
  readonly spec: Record<string, unknown>;
  /** Record the image as published for its current content (pinned by digest, no lookup). */
  readonly published?: boolean;
}

const image = { context: "./app" };
const POSTGRES_PASSWORD = `arn:aws:ssm:eu-west-1:${EXISTING.accountId}:parameter/market/dev/postgres-password`;
/** The apps' database: internal, its data on a volume owned by the postgres image's uid/gid, checked by pg_isready. */
const POSTGRES = {
  image: { uri: "public.ecr.aws/docker/library/postgres:17" },
  port: 5432,
  expose: "internal",
  secrets: { POSTGRES_PASSWORD },
  volumes: [{ name: "db-data", path: "/var/lib/postgresql/data", uid: 999, gid: 999 }],
  containerHealthCheck: { command: ["CMD", "pg_isready", "-U", "postgres"], intervalSeconds: 10 },
};

export const VARIANTS: readonly Variant[] = [
  {
    name: "dev-ec2-services",
    spec: {
      app: "market",
      region: "eu-west-1",
      targets: ["ec2"],
      services: {
        web: { image, port: 8080, expose: "public", healthCheck: { path: "/health" }, secrets: { DATABASE_URL: SSM_SECRET }, dependsOn: { db: "healthy", migrate: "completed" } },
        db: POSTGRES,
        migrate: { image, command: ["migrate"], secrets: { DATABASE_URL: SSM_SECRET }, dependsOn: { db: "healthy" } },
        worker: { image, command: ["worker"], secrets: { DATABASE_URL: SSM_SECRET }, dependsOn: { db: "healthy" } },
      },
    },
  },
  {
    name: "dev-both-services",
    spec: {
      app: "bazaar",
      region: "eu-west-1",
      targets: ["ec2", "fargate"],
      fargate: { https: { certificateArn: CERTIFICATE_ARN } },
      services: {
        web: { image, port: 8080, expose: "public", healthCheck: { path: "/health" }, dependsOn: { api: "started" } },
        api: { image, port: 9000, expose: "internal", secrets: { DATABASE_URL: SSM_SECRET }, dependsOn: { db: "healthy" } },
        db: POSTGRES,
        worker: { image, command: ["worker"], secrets: { DATABASE_URL: SSM_SECRET }, dependsOn: { api: "started" } },
      },
    },
  },
  {
    name: "dev-both-routes",
    spec: {
      app: "atlas",
      region: "eu-west-1",
      targets: ["ec2", "fargate"],
      fargate: { https: { domain: "atlas.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } },
      services: {
        web: { image, port: 8080, expose: "public", healthCheck: { path: "/health" } },
        api: { image, port: 9000, expose: "public", route: { path: "/api" }, healthCheck: { path: "/api/health", timeoutSeconds: 3, intervalSeconds: 5 } },
        admin: { image, port: 8080, expose: "public", route: { host: "admin.example.com" } },
      },
    },
  },
  {
    name: "dev-both-plain-http",
    spec: {
      app: "hello",
      region: "eu-west-1",
      targets: ["ec2", "fargate"],
      image,
      port: 8080,
      environment: { GREETING: "hi" },
      healthCheck: { path: "/health" },
      containerHealthCheck: { command: ["CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/health || exit 1"], intervalSeconds: 15, timeoutSeconds: 3, retries: 4, startPeriodSeconds: 20 },
      fargate: { plainHttp: true },
    },
  },
  {
    name: "prod-fargate-domain",
    spec: {
      app: "shop",
      stage: "prod",
      region: "eu-west-1",
      targets: ["fargate"],
      image: { context: "./app", dockerfile: "Dockerfile", buildArgs: { NODE_ENV: "production" }, target: "runtime" },
      port: 3000,
      entrypoint: ["/usr/local/bin/docker-entrypoint.sh"],
      command: ["node", "server.js"],
      environment: { LOG_LEVEL: "info" },
      secrets: { DATABASE_URL: SSM_SECRET, STRIPE_KEY: SECRET_JSON_KEY },
      healthCheck: { path: "/up", intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 3, gracePeriodSeconds: 90 },
      cpu: 1024,
      memoryMiB: 2048,
      desiredCount: 3,
      volumes: [{ name: "uploads", path: "/srv/uploads", uid: 1000, gid: 1000 }],
      logRetentionDays: 365,
      registry: { untaggedExpiryDays: 7, keepImages: 50, kmsKeyArn: KMS_KEY_ARN, forceDelete: false },
      state: { bucket: "shop-terraform-state", keyPrefix: "berth/shop", region: "eu-west-1" },
      tags: { team: "payments", "cost-center": "42" },
      fargate: {
        https: { domain: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" },
        deletionProtection: true,
        deregistrationDelaySeconds: 60,
        healthyHttpCodes: "200-299",
        idleTimeoutSeconds: 120,
        minHealthyPercent: 50,
        maxPercent: 200,
        autoscaling: { minCount: 3, maxCount: 12, cpuPercent: 60, memoryPercent: 75, requestsPerTarget: 500, scaleInCooldownSeconds: 600, scaleOutCooldownSeconds: 30 },
        sidecars: [
          {
            name: "metrics",
            image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1",
            command: ["--config=/etc/ecs/ecs-default-config.yaml"],
            environment: { AWS_REGION: "eu-west-1" },
            essential: false,
            startCondition: "HEALTHY",
            cpu: 128,
            memoryMiB: 256,
            healthCheck: ["CMD", "/healthcheck"],
            readonlyRootFilesystem: true,
          },
        ],
        taskRolePolicy: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::shop-assets/*"] }],
        containerHealthCheck: ["CMD", "/bin/healthcheck"],
        stopTimeoutSeconds: 60,
        user: "1000:1000",
        writablePaths: ["/tmp", "/var/cache/app"],
      },
    },
  },
  {
    name: "dev-fargate-cert-arm64-internal",
    spec: {
      app: "api",
      region: "eu-west-1",
      targets: ["fargate"],
      image: { context: "./app", platform: "linux/arm64" },
      port: 8080,
      network: { cidrBlock: "10.20.0.0/20", azCount: 3, natGateways: "perAz" },
      fargate: {
        https: { certificateArn: CERTIFICATE_ARN },
        internal: true,
        ingressCidrs: ["10.20.0.0/16"],
        accessLogsBucket: "api-alb-logs",
        ephemeralStorageGiB: 50,
        egress: [
          { port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs" },
          { port: 5432, cidrBlocks: ["10.20.0.0/16"], description: "PostgreSQL in the VPC" },
        ],
        waitForSteadyState: false,
      },
    },
  },
  {
    name: "dev-fargate-spot",
    spec: {
      app: "batchy",
      region: "eu-west-1",
      targets: ["fargate"],
      image,
      port: 8080,
      cpu: 512,
      memoryMiB: 1024,
      fargate: { plainHttp: true, capacity: { fargate: 1, spot: 3 }, autoscaling: { minCount: 1, maxCount: 4 } },
    },
  },
  {
    name: "dev-fargate-existing-vpc-cluster-uri",
    spec: {
      app: "edge",
      region: "eu-west-1",
      targets: ["fargate"],
      image: { uri: "public.ecr.aws/nginx/nginx:1.27" },
      port: 80,
      network: { vpcId: EXISTING.vpcId, publicSubnetIds: [...EXISTING.publicSubnetIds], privateSubnetIds: [...EXISTING.privateSubnetIds] },
      fargate: { plainHttp: true, clusterName: EXISTING.clusterName, readonlyRootFilesystem: false },
    },
  },
  {
    name: "dev-fargate-no-nat-endpoints-exec",
    spec: {
      app: "quiet",
      region: "eu-west-1",
      targets: ["fargate"],
      image,
      port: 8080,
      network: { natGateways: "none", vpcEndpoints: true },
      secrets: { API_TOKEN: `arn:aws:ssm:eu-west-1:${EXISTING.accountId}:parameter/quiet/token` },
      fargate: { plainHttp: true, ecsExec: true, readonlyRootFilesystem: false },
    },
  },
  {
    name: "prod-ec2-https-arm64",
    spec: {
      app: "blog",
      stage: "prod",
      region: "eu-west-1",
      targets: ["ec2"],
      image: { context: "./app", platform: "linux/arm64" },
      port: 2368,
      environment: { url: "https://blog.example.com" },
      secrets: { DB_PASSWORD: `arn:aws:secretsmanager:eu-west-1:${EXISTING.accountId}:secret:blog/db-Q1w2E3:password::` },
      volumes: [{ name: "content", path: "/var/lib/ghost/content", uid: 1000, gid: 1000 }],
      state: { bucket: "blog-terraform-state" },
      ec2: {
        instanceType: "t4g.small",
        rootVolumeGiB: 30,
        dataVolumeGiB: 50,
        ingressCidrs: ["203.0.113.0/24"],
        https: { domain: "blog.example.com", email: "ops@example.com" },
        elasticIp: true,
        terminationProtection: true,
        detailedMonitoring: true,
        updateTimeoutSeconds: 300,
      },
    },
  },
  {
    name: "dev-ec2-existing-vpc-uri",
    spec: {
      app: "tools",
      region: "eu-west-1",
      targets: ["ec2"],
      image: { uri: "public.ecr.aws/nginx/nginx:1.27" },
      port: 80,
      command: ["nginx", "-g", "daemon off;"],
      network: { vpcId: EXISTING.vpcId, publicSubnetIds: [...EXISTING.publicSubnetIds] },
      ec2: {
        containersUseInstanceRole: true,
        protectDataVolume: false,
        elasticIp: false,
        egress: [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to ECR and AWS APIs" }],
      },
    },
  },
  {
    name: "dev-both-published",
    published: true,
    spec: { app: "pinned", region: "eu-west-1", targets: ["ec2", "fargate"], image, port: 8080, fargate: { plainHttp: true } },
  },
  {
    name: "prod-both-defaults",
    spec: {
      app: "hello",
      stage: "prod",
      region: "eu-west-1",
      targets: ["ec2", "fargate"],
      image,
      port: 8080,
      network: { cidrBlock: "10.42.0.0/16", azCount: 2 },
      fargate: { https: { certificateArn: CERTIFICATE_ARN } },
    },
  },
];
