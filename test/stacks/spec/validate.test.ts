import type { BerthConfig } from "../../../stacks/spec/schema";
import { validateConfig as validateEither } from "../../../stacks/spec/validate";
import { CERTIFICATE_ARN, errorOf, minimalSpec, problemsOf } from "../../helpers";

/** These specs are single-service ones, so the result has the single-service form. */
const validateConfig = (spec: unknown, source: string) => validateEither(spec, source) as BerthConfig;

const SSM_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db-url";
const SM_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-key-AbC123";

describe("validateConfig accepts", () => {
  it("the minimal spec", () => {
    expect(validateConfig(minimalSpec(), "x").app).toBe("shop");
  });

  it("SSM parameter and Secrets Manager ARNs, with a JSON key", () => {
    const spec = minimalSpec({ secrets: { DB_URL: SSM_ARN, API_KEY: SM_ARN, TOKEN: `${SM_ARN}:token::` } });
    expect(validateConfig(spec, "x").secrets).toEqual({ DB_URL: SSM_ARN, API_KEY: SM_ARN, TOKEN: `${SM_ARN}:token::` });
  });

  it("an existing image pinned by digest", () => {
    const uri = `public.ecr.aws/nginx/nginx@sha256:${"a".repeat(64)}`;
    expect(validateConfig(minimalSpec({ image: { uri } }), "x").image).toEqual({ uri });
  });
});

describe("validateConfig rejects", () => {
  it("a spec that is not an object", () => {
    expect(problemsOf("shop")).toEqual([expect.stringMatching(/^\(spec\): .*got "shop"/)]);
  });

  it("an app name with upper case letters", () => {
    expect(problemsOf(minimalSpec({ app: "Shop" }))).toEqual([
      'app: must be 2-20 lower case letters, digits and single hyphens, starting with a letter (got "Shop")',
    ]);
  });

  it("an app name longer than 20 characters", () => {
    expect(problemsOf(minimalSpec({ app: "a".repeat(21) }))).toEqual([expect.stringContaining(`app: must be 2-20 lower case letters`)]);
  });

  it("a missing required field", () => {
    const { region, ...spec } = minimalSpec();
    expect(problemsOf(spec)).toEqual(['region: must be an AWS region like "eu-west-1" (got nothing: the field is required)']);
  });

  // AWS SDK partition data (@aws-sdk/core util-endpoints partitions.js): regions of aws, aws-cn, aws-us-gov.
  it("a region that is not an AWS region, listing them", () => {
    expect(problemsOf(minimalSpec({ region: "europe-west" }))).toEqual([
      'region: must be an AWS region like "eu-west-1", one of: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, me-west-1, mx-central-1, sa-east-1, sa-west-1, us-east-1, us-east-2, us-west-1, us-west-2, cn-north-1, cn-northwest-1, us-gov-east-1, us-gov-west-1 (got "europe-west")',
    ]);
  });

  it("an unknown top-level key, with a did-you-mean", () => {
    expect(problemsOf(minimalSpec({ helthCheck: { path: "/" } }))).toEqual([
      expect.stringMatching(/^helthCheck: unknown key; did you mean "healthCheck"\? allowed keys here: app, stage, region, /),
    ]);
  });

  it("an unknown nested key, with a did-you-mean among that object's keys", () => {
    expect(problemsOf(minimalSpec({ healthCheck: { intervalSecs: 10 } }))).toEqual([
      'healthCheck.intervalSecs: unknown key; did you mean "intervalSeconds"? allowed keys here: path, intervalSeconds, timeoutSeconds, healthyThreshold, unhealthyThreshold, gracePeriodSeconds',
    ]);
  });

  it("an unknown key with no close match, without a guess", () => {
    expect(problemsOf(minimalSpec({ zzz: 1 }))).toEqual([expect.stringMatching(/^zzz: unknown key; allowed keys here: app, /)]);
  });

  it("a port given as a string", () => {
    expect(problemsOf(minimalSpec({ port: "8080" }))).toEqual(['port: must be a whole number from 1 to 65535 (got "8080")']);
  });

  it("a port out of range", () => {
    expect(problemsOf(minimalSpec({ port: 70000 }))).toEqual(["port: must be a whole number from 1 to 65535 (got 70000)"]);
  });

  it("a fractional cpu", () => {
    expect(problemsOf(minimalSpec({ cpu: 256.5 }))).toEqual(["cpu: must be a whole number from 128 to 16384 CPU units (got 256.5)"]);
  });

  it("a stage that has no preset", () => {
    expect(problemsOf(minimalSpec({ stage: "staging" }))).toEqual(['stage: must be one of "dev", "prod" (got "staging")']);
  });

  it("an empty target list", () => {
    expect(problemsOf(minimalSpec({ targets: [], fargate: undefined }))).toEqual(['targets: must name at least one target: "ec2", "fargate" (got [])']);
  });

  it("an unknown target", () => {
    expect(problemsOf(minimalSpec({ targets: ["k8s"] }))).toEqual(['targets[0]: must be one of "ec2", "fargate" (got "k8s")']);
  });

  it("a target named twice", () => {
    expect(problemsOf(minimalSpec({ targets: ["ec2", "ec2"], fargate: undefined }))).toEqual(['targets: must not name a target twice (got ["ec2","ec2"])']);
  });

  it("a health check path without a leading slash", () => {
    expect(problemsOf(minimalSpec({ healthCheck: { path: "health" } }))).toEqual([
      'healthCheck.path: must be an HTTP path starting with "/" (printable ASCII, no spaces, at most 1024 characters) (got "health")',
    ]);
  });

  it("a health check timeout not shorter than the interval", () => {
    expect(problemsOf(minimalSpec({ healthCheck: { intervalSeconds: 5, timeoutSeconds: 5 } }))).toEqual([
      "healthCheck.timeoutSeconds: must be less than intervalSeconds (5): ELB rejects a timeout that is not shorter than the interval (ELB API Reference, CreateTargetGroup); lower timeoutSeconds (got 5)",
    ]);
  });

  it("a health check interval below ALB's minimum", () => {
    expect(problemsOf(minimalSpec({ healthCheck: { intervalSeconds: 2 } }))).toEqual([
      "healthCheck.intervalSeconds: must be a whole number from 5 to 300 seconds (got 2)",
    ]);
  });

  it("a secret that is not an ARN", () => {
    expect(problemsOf(minimalSpec({ secrets: { DB_URL: "/shop/db-url" } }))).toEqual([
      expect.stringMatching(/^secrets\.DB_URL: must be an SSM parameter ARN .* or a Secrets Manager secret ARN .* \(got "\/shop\/db-url"\)$/),
    ]);
  });

  it("a Secrets Manager ARN without its 6-character suffix", () => {
    expect(problemsOf(minimalSpec({ secrets: { KEY: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:key" } }))).toEqual([
      expect.stringContaining("secrets.KEY: must be an SSM parameter ARN"),
    ]);
  });

  // ECS API Reference, Secret: a parameter in a different Region is read when given by its full ARN.
  it("accepts an SSM parameter in another region than the app", () => {
    expect(problemsOf(minimalSpec({ secrets: { DB_URL: SSM_ARN.replace("eu-west-1", "us-east-1") } }))).toEqual([]);
  });

  it("refuses an SSM parameter in another region when the fargate network has no NAT gateways", () => {
    expect(problemsOf(minimalSpec({ network: { natGateways: "none", vpcEndpoints: true }, secrets: { DB_URL: SSM_ARN.replace("eu-west-1", "us-east-1") } }))).toEqual([
      'secrets.DB_URL: is an SSM parameter in region "us-east-1" but the app deploys to "eu-west-1" with network.natGateways "none": the tasks reach AWS only through VPC endpoints in "eu-west-1"; copy the parameter to "eu-west-1", or give the network NAT gateways (got "arn:aws:ssm:us-east-1:123456789012:parameter/shop/db-url")',
    ]);
  });

  // The same reference documents other regions for SSM parameters only.
  it("refuses a Secrets Manager secret in another region than the app", () => {
    expect(problemsOf(minimalSpec({ secrets: { API_KEY: "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/api-AbC123" } }))).toEqual([
      'secrets.API_KEY: is a Secrets Manager secret in region "us-east-1" but the app deploys to "eu-west-1": ECS documents reading only SSM parameters from another region (ECS API Reference, Secret); replicate the secret to "eu-west-1" (Secrets Manager replica secrets) and give the replica\'s ARN (got "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/api-AbC123")',
    ]);
  });

  it("a variable that is both plain and secret", () => {
    expect(problemsOf(minimalSpec({ environment: { DB_URL: "x" }, secrets: { DB_URL: SSM_ARN } }))).toEqual([
      expect.stringMatching(/^secrets\.DB_URL: is also set in environment: a variable is either plain or secret/),
    ]);
  });

  it("an environment variable name that is not a shell name", () => {
    expect(problemsOf(minimalSpec({ environment: { "1BAD": "x" } }))).toEqual([
      'environment: key "1BAD" is not allowed: must be an environment variable name like LOG_LEVEL: letters, digits and underscores, not starting with a digit',
    ]);
  });

  it("a relative volume path", () => {
    expect(problemsOf(minimalSpec({ volumes: [{ name: "data", path: "data" }] }))).toEqual([
      'volumes[0].path: must be an absolute path inside the container like "/var/lib/app" (not "/" itself) (got "data")',
    ]);
  });

  it("two volumes with one name", () => {
    expect(problemsOf(minimalSpec({ volumes: [{ name: "data", path: "/a" }, { name: "data", path: "/b" }] }))).toEqual([
      'volumes[1].name: duplicates volumes[0].name: volume names must be unique (got "data")',
    ]);
  });

  it("an image with neither a build context nor a uri", () => {
    expect(problemsOf(minimalSpec({ image: { dockerfile: "Dockerfile" } }))).toEqual([
      'image: must be either { context, dockerfile?, buildArgs?, target?, platform? } to build, or { uri, platform? } for an existing image (got {"dockerfile":"Dockerfile"})',
    ]);
  });

  it("an existing image without a tag or digest", () => {
    expect(problemsOf(minimalSpec({ image: { uri: "public.ecr.aws/nginx/nginx" } }))).toEqual([
      expect.stringMatching(/^image\.uri: must be an image reference with a tag or a digest .*never deploys an implicit :latest\) \(got "public\.ecr\.aws\/nginx\/nginx"\)$/),
    ]);
  });

  it("an unsupported platform", () => {
    expect(problemsOf(minimalSpec({ image: { context: ".", platform: "linux/386" } }))).toEqual([
      'image.platform: must be one of "linux/amd64", "linux/arm64" (got "linux/386")',
    ]);
  });

  it("a log retention CloudWatch does not offer", () => {
    expect(problemsOf(minimalSpec({ logRetentionDays: 10 }))).toEqual([
      expect.stringMatching(/^logRetentionDays: must be a CloudWatch retention in days: 1, 3, 5, 7, 14, .* \(got 10\)$/),
    ]);
  });

  it("a KMS key that is not a key ARN", () => {
    expect(problemsOf(minimalSpec({ registry: { kmsKeyArn: "alias/ecr" } }))).toEqual([
      'registry.kmsKeyArn: must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>) (got "alias/ecr")',
    ]);
  });

  it("a command given as one string", () => {
    expect(problemsOf(minimalSpec({ command: "node server.js" }))).toEqual([
      'command: must be a list of strings (exec form), e.g. ["node", "server.js"] (got "node server.js")',
    ]);
  });

  it("an entrypoint given as one string", () => {
    expect(problemsOf(minimalSpec({ entrypoint: "/bin/start" }))).toEqual(['entrypoint: must be a list of strings (exec form), e.g. ["/usr/local/bin/start", "--migrate"] (got "/bin/start")']);
  });

  it("an empty entrypoint list (berth cannot clear the image's ENTRYPOINT)", () => {
    expect(problemsOf(minimalSpec({ entrypoint: [] }))).toEqual(['entrypoint: must be a list of strings (exec form), e.g. ["/usr/local/bin/start", "--migrate"] with at least one item (got [])']);
  });

  it("with every problem listed, not just the first", () => {
    expect(problemsOf(minimalSpec({ app: "A", port: 0, stage: "qa" }))).toHaveLength(3);
  });
});

describe("ConfigError", () => {
  it("names the source, counts the problems and says what to do next", () => {
    expect(errorOf(() => validateConfig(minimalSpec({ port: 0 }), "examples/x/berth.config.ts"))).toBe(
      "Invalid berth spec in examples/x/berth.config.ts (1 problem):\n" +
        "  ✖ port: must be a whole number from 1 to 65535 (got 0)\n" +
        "Fix the spec and run again; every field is described in docs/spec.md.",
    );
  });
});

describe("validateConfig: Fargate Spot and the image platform", () => {
  it("accepts fargate.capacity.spot 0 with linux/arm64", () => {
    const spec = minimalSpec({ image: { context: ".", platform: "linux/arm64" }, fargate: { https: { certificateArn: CERTIFICATE_ARN }, capacity: { fargate: 1, spot: 0 } } });
    expect(validateConfig(spec, "x").fargate?.capacity).toEqual({ fargate: 1, spot: 0 });
  });

  it("accepts fargate.capacity.spot 1 with linux/amd64", () => {
    const spec = minimalSpec({ image: { context: ".", platform: "linux/amd64" }, fargate: { https: { certificateArn: CERTIFICATE_ARN }, capacity: { fargate: 1, spot: 1 } } });
    expect(validateConfig(spec, "x").fargate?.capacity).toEqual({ fargate: 1, spot: 1 });
  });

  // ECS Developer Guide, fargate-capacity-providers.html: "Linux tasks with the ARM64 architecture
  // don't support the Fargate Spot capacity provider".
  it("rejects fargate.capacity.spot 1 with linux/arm64, at fargate.capacity.spot", () => {
    const spec = minimalSpec({ image: { context: ".", platform: "linux/arm64" }, fargate: { https: { certificateArn: CERTIFICATE_ARN }, capacity: { fargate: 1, spot: 1 } } });
    expect(problemsOf(spec)).toEqual([
      'fargate.capacity.spot: is more than 0 but image.platform is "linux/arm64": Fargate Spot does not run ARM64 Linux tasks (ECS Developer Guide, Fargate capacity providers); set fargate.capacity.spot to 0, or build the image for "linux/amd64" (got 1)',
    ]);
  });
});

describe("validateConfig: health check values that go into a container health check", () => {
  const withAppCheck = (healthCheck: Record<string, number>) =>
    minimalSpec({ healthCheck, fargate: { https: { certificateArn: CERTIFICATE_ARN }, containerHealthCheck: ["CMD", "/healthcheck"] } });

  // ECS API Reference, HealthCheck: timeout 2-60 s.
  it("accepts healthCheck.timeoutSeconds 60 with fargate.containerHealthCheck", () => {
    expect(validateConfig(withAppCheck({ intervalSeconds: 61, timeoutSeconds: 60 }), "x").healthCheck?.timeoutSeconds).toBe(60);
  });

  it("rejects healthCheck.timeoutSeconds 61 with fargate.containerHealthCheck, explaining ECS's 60 s limit", () => {
    expect(problemsOf(withAppCheck({ intervalSeconds: 62, timeoutSeconds: 61 }))).toEqual([
      "healthCheck.timeoutSeconds: is also the timeout of the container health check of fargate.containerHealthCheck, which ECS says must be a whole number from 2 to 60 seconds (besides the load balancer's check, which allows up to 120 seconds): set it in that range, or remove the container health check (got 61)",
    ]);
  });

  it("rejects healthCheck.timeoutSeconds 61 when only a sidecar has a health check, naming that sidecar's check", () => {
    const spec = minimalSpec({
      healthCheck: { intervalSeconds: 62, timeoutSeconds: 61 },
      fargate: { https: { certificateArn: CERTIFICATE_ARN }, sidecars: [{ name: "proxy", image: "envoy:v1", healthCheck: ["CMD", "/ready"] }] },
    });
    expect(problemsOf(spec)).toEqual([expect.stringMatching(/^healthCheck\.timeoutSeconds: is also the timeout of the container health check of fargate\.sidecars\[0\]\.healthCheck, /)]);
  });

  // ELB (TF lb_target_group doc): the target group's timeout may reach 120 s.
  it("accepts healthCheck.timeoutSeconds 120 without a container health check (the load balancer's range)", () => {
    expect(validateConfig(minimalSpec({ healthCheck: { intervalSeconds: 121, timeoutSeconds: 120 } }), "x").healthCheck?.timeoutSeconds).toBe(120);
  });

  // ECS API Reference, HealthCheck: startPeriod 0-300 s.
  it("accepts healthCheck.gracePeriodSeconds 300 with fargate.containerHealthCheck", () => {
    expect(validateConfig(withAppCheck({ gracePeriodSeconds: 300 }), "x").healthCheck?.gracePeriodSeconds).toBe(300);
  });

  it("rejects healthCheck.gracePeriodSeconds 301 with fargate.containerHealthCheck, explaining ECS's 300 s limit", () => {
    expect(problemsOf(withAppCheck({ gracePeriodSeconds: 301 }))).toEqual([
      "healthCheck.gracePeriodSeconds: is also the start period of the container health check of fargate.containerHealthCheck, which ECS says must be a whole number from 0 to 300 seconds (besides the service's health check grace period, which allows more): set it in that range, or remove the container health check (got 301)",
    ]);
  });

  it("accepts healthCheck.gracePeriodSeconds 3600 without a container health check", () => {
    expect(validateConfig(minimalSpec({ healthCheck: { gracePeriodSeconds: 3600 } }), "x").healthCheck?.gracePeriodSeconds).toBe(3600);
  });
});

describe("validateConfig: sidecar start conditions", () => {
  const withSidecar = (sidecar: Record<string, unknown>) =>
    minimalSpec({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, sidecars: [{ name: "migrate", image: "shop/migrate:1", ...sidecar }] } });

  it("accepts startCondition SUCCESS on a sidecar that is not essential", () => {
    expect(validateConfig(withSidecar({ essential: false, startCondition: "SUCCESS" }), "x").fargate?.sidecars?.[0]?.startCondition).toBe("SUCCESS");
  });

  // ECS API Reference, ContainerDependency: COMPLETE and SUCCESS "can't be set on an essential container".
  it("rejects startCondition SUCCESS on an essential sidecar, at fargate.sidecars[0].startCondition", () => {
    expect(problemsOf(withSidecar({ essential: true, startCondition: "SUCCESS" }))).toEqual([
      'fargate.sidecars[0].startCondition: cannot be "SUCCESS" on an essential sidecar (essential: true): ECS does not allow COMPLETE or SUCCESS on an essential container; set essential to false, or use "START" or "HEALTHY" (got "SUCCESS")',
    ]);
  });

  it("rejects startCondition COMPLETE on an essential sidecar", () => {
    expect(problemsOf(withSidecar({ essential: true, startCondition: "COMPLETE" }))).toEqual([
      expect.stringMatching(/^fargate\.sidecars\[0\]\.startCondition: cannot be "COMPLETE" on an essential sidecar/),
    ]);
  });

  it("accepts startCondition HEALTHY on a sidecar with a health check", () => {
    expect(validateConfig(withSidecar({ startCondition: "HEALTHY", healthCheck: ["CMD", "/ready"] }), "x").fargate?.sidecars?.[0]?.startCondition).toBe("HEALTHY");
  });

  // ECS API Reference, ContainerDependency: HEALTHY needs a health check on the dependency.
  it("rejects startCondition HEALTHY on a sidecar without a health check", () => {
    expect(problemsOf(withSidecar({ startCondition: "HEALTHY" }))).toEqual([
      'fargate.sidecars[0].startCondition: is "HEALTHY" but the sidecar has no healthCheck: ECS can wait only for a container with a health check to be healthy; add fargate.sidecars[0].healthCheck, or use "START" (got "HEALTHY")',
    ]);
  });
});

describe("validateConfig: an existing ECS cluster", () => {
  it("accepts fargate.clusterName with capacity.spot 0", () => {
    const spec = minimalSpec({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, clusterName: "platform", capacity: { fargate: 1, spot: 0 } } });
    expect(validateConfig(spec, "x").fargate?.clusterName).toBe("platform");
  });

  // ECS API Reference, CreateService capacityProviderStrategy: a provider must be associated with
  // the cluster (PutClusterCapacityProviders) before a service's strategy may name it.
  it("rejects fargate.clusterName with capacity.spot 1, at fargate.capacity.spot", () => {
    const spec = minimalSpec({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, clusterName: "platform", capacity: { fargate: 1, spot: 1 } } });
    expect(problemsOf(spec)).toEqual([
      'fargate.capacity.spot: is more than 0 but fargate.clusterName names an existing cluster ("platform"): a service may use FARGATE_SPOT only on a cluster that has it as a capacity provider, and berth can neither see nor change the providers of a cluster it does not own; leave clusterName out so that berth creates a cluster with FARGATE and FARGATE_SPOT, or set spot to 0 (the service then uses the FARGATE launch type, which works on any cluster) (got 1)',
    ]);
  });
});

describe("validateConfig: VPC size and the load balancer's subnets", () => {
  // ELB User Guide, application-load-balancers.html, "Subnets for your load balancer": each subnet
  // needs at least a /27. berth's subnets are 1/16 of the VPC: a /23 gives /27, a /24 gives /28.
  it("accepts network.cidrBlock 10.0.0.0/23 for the fargate target (/27 subnets)", () => {
    expect(validateConfig(minimalSpec({ network: { cidrBlock: "10.0.0.0/23" } }), "x").network).toEqual({ cidrBlock: "10.0.0.0/23" });
  });

  it("rejects network.cidrBlock 10.0.0.0/24 for the fargate target, naming the /28 subnets and the /23 that works", () => {
    expect(problemsOf(minimalSpec({ network: { cidrBlock: "10.0.0.0/24" } }))).toEqual([
      'network.cidrBlock: gives subnets of /28 (berth cuts the VPC into 16 equal slices, whatever azCount), but the fargate target\'s load balancer needs subnets of /27 or larger with 8 free addresses each (ELB User Guide, subnets for your load balancer); use a /23 or larger block, e.g. "10.0.0.0/23" (got "10.0.0.0/24")',
    ]);
  });

  it("accepts network.cidrBlock 10.0.0.0/24 for the ec2 target alone (no load balancer)", () => {
    expect(validateConfig(minimalSpec({ targets: ["ec2"], fargate: undefined, network: { cidrBlock: "10.0.0.0/24" } }), "x").network).toEqual({ cidrBlock: "10.0.0.0/24" });
  });
});
