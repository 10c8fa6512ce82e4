import { CERTIFICATE_ARN, minimalSpec, problemsOf } from "../../../helpers";

/**
 * Checks that span several fields of the fargate target, each reported at the spec field to change.
 * Limits are AWS's, cited beside each test; values are written out, never computed from berth's code.
 */
const https = { certificateArn: CERTIFICATE_ARN };
const fargate = (options: Record<string, unknown>) => ({ fargate: { https, ...options } });
const sidecar = (name: string, size: Record<string, number>) => ({ name, image: "public.ecr.aws/nginx/nginx:1.27", ...size });

// ECS Developer Guide, "Task size" (task-cpu-memory-error.html): 1024 CPU units take 2048-8192 MiB in 1024 MiB steps.
describe("task size (cpu, memoryMiB)", () => {
  it("refuses memoryMiB 1024 with cpu 1024 at memoryMiB", () => {
    expect(problemsOf(minimalSpec({ cpu: 1024, memoryMiB: 1024 }))).toEqual([
      "memoryMiB: memoryMiB 1024 does not fit cpu 1024 on Fargate: with cpu 1024 use one of 2048 to 8192 in steps of 1024 MiB (ECS Developer Guide, task size); the fargate target runs only these sizes (got 1024)",
    ]);
  });

  it("accepts memoryMiB 2048 with cpu 1024", () => {
    expect(problemsOf(minimalSpec({ cpu: 1024, memoryMiB: 2048 }))).toEqual([]);
  });

  it("accepts memoryMiB 8192 with cpu 1024", () => {
    expect(problemsOf(minimalSpec({ cpu: 1024, memoryMiB: 8192 }))).toEqual([]);
  });

  it("refuses memoryMiB 9216 with cpu 1024 at memoryMiB", () => {
    expect(problemsOf(minimalSpec({ cpu: 1024, memoryMiB: 9216 }))).toEqual([
      "memoryMiB: memoryMiB 9216 does not fit cpu 1024 on Fargate: with cpu 1024 use one of 2048 to 8192 in steps of 1024 MiB (ECS Developer Guide, task size); the fargate target runs only these sizes (got 9216)",
    ]);
  });

  it("refuses cpu 300, which is no task size, at cpu", () => {
    expect(problemsOf(minimalSpec({ cpu: 300, memoryMiB: 1024 }))).toEqual([
      "cpu: cpu 300 is not a Fargate task size: use one of 256, 512, 1024, 2048, 4096, 8192, 16384 CPU units (ECS Developer Guide, task size); the fargate target runs only these sizes (got 300)",
    ]);
  });

  it("refuses cpu 4096 with the dev preset's memoryMiB 512 at cpu, naming the preset", () => {
    expect(problemsOf(minimalSpec({ cpu: 4096 }))).toEqual([
      "cpu: memoryMiB 512 does not fit cpu 4096 on Fargate: with cpu 4096 use one of 8192 to 30720 in steps of 1024 MiB (memoryMiB 512 from the dev preset) (ECS Developer Guide, task size); the fargate target runs only these sizes (got 4096)",
    ]);
  });

  it("accepts cpu 300 on the ec2 target alone (no Fargate task)", () => {
    expect(problemsOf(minimalSpec({ targets: ["ec2"], fargate: undefined, cpu: 300, memoryMiB: 1024 }))).toEqual([]);
  });
});

// ECS Developer Guide, deployment-type-ecs.html: a rolling update keeps at least desiredCount × minimumHealthyPercent
// (rounded up) running and starts at most desiredCount × maximumPercent (rounded down).
describe("deployment room (desiredCount, fargate.minHealthyPercent, fargate.maxPercent)", () => {
  it("refuses desiredCount 1 with minHealthyPercent 100 (default) and maxPercent 100 at fargate.maxPercent", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 1, ...fargate({ maxPercent: 100 }) }))).toEqual([
      "fargate.maxPercent: leaves a deployment no room with desiredCount 1 and fargate.minHealthyPercent 100: ECS may neither start an extra task (at most 1 running) nor stop one (at least 1 running); raise fargate.maxPercent (e.g. 200) or lower fargate.minHealthyPercent (got 100)",
    ]);
  });

  it("accepts desiredCount 1 with minHealthyPercent 0 and maxPercent 100 (one task may stop first)", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 1, ...fargate({ minHealthyPercent: 0, maxPercent: 100 }) }))).toEqual([]);
  });

  it("accepts desiredCount 2 with minHealthyPercent 50 and maxPercent 100", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 2, ...fargate({ minHealthyPercent: 50, maxPercent: 100 }) }))).toEqual([]);
  });

  it("refuses desiredCount 3 with minHealthyPercent 100 and maxPercent 133 (3.99 rounds down to 3)", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 3, ...fargate({ maxPercent: 133 }) }))).toEqual([
      "fargate.maxPercent: leaves a deployment no room with desiredCount 3 and fargate.minHealthyPercent 100: ECS may neither start an extra task (at most 3 running) nor stop one (at least 3 running); raise fargate.maxPercent (e.g. 200) or lower fargate.minHealthyPercent (got 133)",
    ]);
  });

  it("accepts desiredCount 3 with minHealthyPercent 100 and maxPercent 134 (4.02 rounds down to 4)", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 3, ...fargate({ maxPercent: 134 }) }))).toEqual([]);
  });

  it("accepts desiredCount 0 with maxPercent 100 (nothing to deploy)", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 0, ...fargate({ maxPercent: 100 }) }))).toEqual([]);
  });
});

// Application Auto Scaling: a scalable target's capacity is kept within MinCapacity..MaxCapacity, so a desiredCount
// outside it is changed at once.
describe("desiredCount within fargate.autoscaling", () => {
  const autoscaling = { autoscaling: { minCount: 2, maxCount: 4 } };
  it("refuses desiredCount 1 below minCount 2", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 1, ...fargate(autoscaling) }))).toEqual([
      "desiredCount: must be within fargate.autoscaling's range, from minCount 2 to maxCount 4: autoscaling would move it at once; set desiredCount in that range, or leave it out (got 1)",
    ]);
  });

  it("accepts desiredCount 2 at minCount 2", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 2, ...fargate(autoscaling) }))).toEqual([]);
  });

  it("accepts desiredCount 4 at maxCount 4", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 4, ...fargate(autoscaling) }))).toEqual([]);
  });

  it("refuses desiredCount 5 above maxCount 4", () => {
    expect(problemsOf(minimalSpec({ desiredCount: 5, ...fargate(autoscaling) }))).toEqual([
      "desiredCount: must be within fargate.autoscaling's range, from minCount 2 to maxCount 4: autoscaling would move it at once; set desiredCount in that range, or leave it out (got 5)",
    ]);
  });

  it("accepts an unset desiredCount with autoscaling (the preset's count is where autoscaling starts)", () => {
    expect(problemsOf(minimalSpec(fargate({ autoscaling: { minCount: 3, maxCount: 4 } })))).toEqual([]);
  });
});

// ECS API Reference, CapacityProviderStrategyItem: a weight of 0 places no task on that provider.
describe("fargate.capacity weights", () => {
  it("refuses fargate 0 with spot 0 at fargate.capacity", () => {
    expect(problemsOf(minimalSpec(fargate({ capacity: { fargate: 0, spot: 0 } })))).toEqual([
      'fargate.capacity: gives FARGATE and FARGATE_SPOT both weight 0: ECS would place no task; give fargate or spot a weight of at least 1 (got {"fargate":0,"spot":0})',
    ]);
  });

  it("accepts fargate 0 with spot 1", () => {
    expect(problemsOf(minimalSpec(fargate({ capacity: { fargate: 0, spot: 1 } })))).toEqual([]);
  });
});

// aws-facts.md §5: ECS Exec is not supported with readonlyRootFilesystem (the SSM agent writes to it).
describe("fargate.ecsExec with a read-only root filesystem", () => {
  it("refuses ecsExec true with readonlyRootFilesystem true at fargate.ecsExec", () => {
    expect(problemsOf(minimalSpec(fargate({ ecsExec: true, readonlyRootFilesystem: true })))).toEqual([
      "fargate.ecsExec: is true but fargate.readonlyRootFilesystem is true: ECS Exec's SSM agent writes to the root filesystem (ECS Developer Guide, ECS Exec); set readonlyRootFilesystem to false, or leave ecsExec off (got true)",
    ]);
  });

  it("accepts ecsExec true with readonlyRootFilesystem unset (ECS Exec turns the read-only default off)", () => {
    expect(problemsOf(minimalSpec(fargate({ ecsExec: true })))).toEqual([]);
  });
});

// ECS API Reference, MountPoint: one containerPath per mount; berth mounts each writable path as its own volume.
describe("volume paths and fargate.writablePaths", () => {
  it("refuses a volume at /tmp, which is the default writable path", () => {
    expect(problemsOf(minimalSpec({ volumes: [{ name: "data", path: "/tmp" }] }))).toEqual([
      'volumes[0].path: is also one of fargate.writablePaths (/tmp): a path is either a scratch path or a volume; mount the volume elsewhere, or set fargate.writablePaths without it (got "/tmp")',
    ]);
  });

  it("accepts a volume at /tmp when fargate.writablePaths leaves /tmp out", () => {
    expect(problemsOf(minimalSpec({ volumes: [{ name: "data", path: "/tmp" }], ...fargate({ writablePaths: ["/run"] }) }))).toEqual([]);
  });
});

// ELB User Guide, "Subnets for your load balancer": an Application Load Balancer needs subnets in at least two Availability Zones.
describe("the load balancer's two Availability Zones", () => {
  it("refuses network.azCount 1 for the fargate target", () => {
    expect(problemsOf(minimalSpec({ network: { azCount: 1 } }))).toEqual([
      'network.azCount: is 1 but the fargate target\'s Application Load Balancer needs subnets in at least 2 Availability Zones (ELB User Guide, "Subnets for your load balancer"); set network.azCount to 2 or more (got 1)',
    ]);
  });

  it("accepts network.azCount 2 for the fargate target", () => {
    expect(problemsOf(minimalSpec({ network: { azCount: 2 } }))).toEqual([]);
  });

  it("accepts network.azCount 1 for the ec2 target alone (no load balancer)", () => {
    expect(problemsOf(minimalSpec({ targets: ["ec2"], fargate: undefined, network: { azCount: 1 } }))).toEqual([]);
  });

  it("refuses one public subnet of an existing network", () => {
    const network = { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111"], privateSubnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"] };
    expect(problemsOf(minimalSpec({ network }))).toEqual([
      'network.publicSubnetIds: names 1 subnet but the fargate target\'s Application Load Balancer needs subnets in at least 2 Availability Zones (ELB User Guide, "Subnets for your load balancer"); list a subnet in a second AZ (got ["subnet-0aaa1111"])',
    ]);
  });

  it("refuses one private subnet of an existing network for an internal load balancer", () => {
    const network = { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"], privateSubnetIds: ["subnet-0ccc3333"] };
    expect(problemsOf(minimalSpec({ network, ...fargate({ internal: true }) }))).toEqual([
      'network.privateSubnetIds: names 1 subnet but the fargate target\'s Application Load Balancer needs subnets in at least 2 Availability Zones (ELB User Guide, "Subnets for your load balancer"); list a subnet in a second AZ (got ["subnet-0ccc3333"])',
    ]);
  });

  it("accepts two public and two private subnets of an existing network", () => {
    const network = { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"], privateSubnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"] };
    expect(problemsOf(minimalSpec({ network }))).toEqual([]);
  });
});

// ECS Developer Guide, Fargate task networking: tasks without a public IP pull images and send logs through a NAT
// gateway or VPC endpoints.
describe("the tasks' way out of the private subnets", () => {
  it('refuses network.natGateways "none" without network.vpcEndpoints', () => {
    expect(problemsOf(minimalSpec({ network: { natGateways: "none" } }))).toEqual([
      'network.natGateways: is "none" without network.vpcEndpoints: the fargate tasks in the private subnets could neither pull images nor write logs; set network.vpcEndpoints: true, or choose "single" or "perAz" (got "none")',
    ]);
  });

  it('accepts network.natGateways "none" with network.vpcEndpoints true', () => {
    expect(problemsOf(minimalSpec({ network: { natGateways: "none", vpcEndpoints: true } }))).toEqual([]);
  });

  it('accepts network.natGateways "none" for the ec2 target alone (the host is in a public subnet)', () => {
    expect(problemsOf(minimalSpec({ targets: ["ec2"], fargate: undefined, network: { natGateways: "none" } }))).toEqual([]);
  });

  it("refuses an existing network without privateSubnetIds", () => {
    const network = { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"] };
    expect(problemsOf(minimalSpec({ network }))).toEqual([
      "network.privateSubnetIds: must name the private subnets for the fargate target: its tasks run in private subnets (with a NAT or VPC endpoints for image pulls) (got nothing)",
    ]);
  });
});

// ECS API Reference, ContainerDefinition cpu/memory: the containers' cpu may add up to at most the task's cpu, and
// their memory to at most the task's memory.
describe("sidecar cpu and memory against the task's", () => {
  it("refuses sidecars reserving 257 CPU units of the dev preset's 256", () => {
    expect(problemsOf(minimalSpec(fargate({ sidecars: [sidecar("a", { cpu: 200 }), sidecar("b", { cpu: 57 })] })))).toEqual([
      'fargate.sidecars: reserve 257 CPU units together, more than the task\'s 256 (the dev default cpu): ECS refuses containers whose cpu adds up to more than the task\'s (ECS API Reference, ContainerDefinition cpu); lower the sidecars\' cpu or raise cpu (got [{"name":"a","image":"public.ecr.aws/nginx/nginx:1.27","cpu":200},{"name":"b"...)',
    ]);
  });

  it("accepts sidecars reserving 256 CPU units of the task's 256", () => {
    expect(problemsOf(minimalSpec(fargate({ sidecars: [sidecar("a", { cpu: 200 }), sidecar("b", { cpu: 56 })] })))).toEqual([]);
  });

  it("refuses sidecars reserving all 512 MiB of the dev preset's memory", () => {
    expect(problemsOf(minimalSpec(fargate({ sidecars: [sidecar("a", { memoryMiB: 512 })] })))).toEqual([
      'fargate.sidecars: reserve 512 MiB together, leaving nothing of the task\'s 512 MiB (the dev default memoryMiB) for the app container (ECS API Reference, ContainerDefinition memory); lower the sidecars\' memoryMiB or raise memoryMiB (got [{"name":"a","image":"public.ecr.aws/nginx/nginx:1.27","memoryMiB":512}])',
    ]);
  });

  it("accepts sidecars reserving 511 MiB of the task's 512", () => {
    expect(problemsOf(minimalSpec(fargate({ sidecars: [sidecar("a", { memoryMiB: 511 })] })))).toEqual([]);
  });
});

// ECS service quotas: a task definition may be at most 64 KiB (65536 bytes).
describe("the size of the container definitions", () => {
  it("refuses an environment of 64000 characters at environment", () => {
    expect(problemsOf(minimalSpec({ environment: { BIG: "x".repeat(64000) } }))).toEqual([
      `environment: makes the task definition about 66079 bytes (this field 64027, berth's own 2048 per container), more than the 65536 ECS accepts (ECS service quotas, task definition size); move large values into SSM parameters and list them under secrets (got {"BIG":"${"x".repeat(69)}...)`,
    ]);
  });

  // ["x…"] is 64000 + 4 bytes; environment, secrets and an absent command count 2 each ("[]"), berth 2048.
  it("refuses an entrypoint of 64000 characters at entrypoint", () => {
    expect(problemsOf(minimalSpec({ entrypoint: ["x".repeat(64000)] }))[0]).toMatch(/^entrypoint: makes the task definition about 66058 bytes \(this field 64004, /);
  });

  it("accepts an environment of 60000 characters", () => {
    expect(problemsOf(minimalSpec({ environment: { BIG: "x".repeat(60000) } }))).toEqual([]);
  });
});

// ACM User Guide, "Supported Regions": a load balancer uses certificates from its own Region only.
// ECR User Guide, encryption-at-rest: the KMS key must be in the repository's Region.
describe("resources in the app's region", () => {
  it("refuses fargate.https.certificateArn in us-east-1 for an app in eu-west-1", () => {
    const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0b3c8a1e-1111-2222-3333-444455556666";
    expect(problemsOf(minimalSpec({ fargate: { https: { certificateArn } } }))).toEqual([
      `fargate.https.certificateArn: is in region "us-east-1" but the app deploys to "eu-west-1": a load balancer uses only certificates from its own region (ACM User Guide, "Supported Regions"); request or import the certificate in "eu-west-1" (got "${certificateArn}")`,
    ]);
  });

  it("accepts fargate.https.certificateArn in the app's region", () => {
    expect(problemsOf(minimalSpec({ fargate: { https: { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b3c8a1e-1111-2222-3333-444455556666" } } }))).toEqual([]);
  });

  it("refuses registry.kmsKeyArn in us-east-1 for an app in eu-west-1", () => {
    const kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/0b3c8a1e-1111-2222-3333-444455556666";
    expect(problemsOf(minimalSpec({ registry: { kmsKeyArn } }))).toEqual([
      `registry.kmsKeyArn: is in region "us-east-1" but the app deploys to "eu-west-1": ECR encrypts only with a KMS key in the repository's region (ECR User Guide, encryption-at-rest); use a key in "eu-west-1" (got "${kmsKeyArn}")`,
    ]);
  });

  it("accepts registry.kmsKeyArn in the app's region", () => {
    expect(problemsOf(minimalSpec({ registry: { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/0b3c8a1e-1111-2222-3333-444455556666" } }))).toEqual([]);
  });
});
