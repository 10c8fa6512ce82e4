import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsEcrImage } from "@cdktf/provider-aws/lib/data-aws-ecr-image";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SsmDocument } from "@cdktf/provider-aws/lib/ssm-document";
import { VolumeAttachment } from "@cdktf/provider-aws/lib/volume-attachment";
import { Testing } from "cdktf";
import { resolvedText, terraformRef } from "../../helpers";
import { Ec2Host } from "../../../constructs/ec2-host";
import { DIGEST, REQUIRED_PROPS, SECRET_ARN, SSM_ARN, hostStatements, synthHost } from "./synth";

interface Rule {
  from_port: number;
  to_port: number;
  protocol: string;
  cidr_blocks: string[];
  description: string;
}

/** The rules of the host's security group, with the fields berth sets. */
const rules = (props: Parameters<typeof synthHost>[0], direction: "ingress" | "egress"): Rule[] =>
  (synthHost(props).one("aws_security_group")[direction] as Rule[]).map(({ description, protocol, from_port, to_port, cidr_blocks }) => ({ description, protocol, from_port, to_port, cidr_blocks }));
const base64 = (text: string) => Buffer.from(text, "base64").toString("utf8");

describe("Ec2Host instance", () => {
  it("defaults to the latest standard Amazon Linux 2023 AMI for x86_64, from its public SSM parameter", () => {
    const { json, one } = synthHost();
    expect(json).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" });
    expect(one("aws_instance").ami).toMatch(/^\$\{data\.aws_ssm_parameter\.[\w-]+\.insecure_value\}$/);
  });

  it("takes the arm64 AMI for a Graviton instance type", () => {
    expect(synthHost({ instanceType: "m7g.large", platform: "linux/arm64" }).json).toHaveDataSourceWithProperties(DataAwsSsmParameter, {
      name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    });
  });

  it("defaults to t3.small", () => {
    expect(synthHost().json).toHaveResourceWithProperties(Instance, { instance_type: "t3.small" });
  });

  it("defaults to t4g.small for a linux/arm64 image", () => {
    expect(synthHost({ platform: "linux/arm64" }).json).toHaveResourceWithProperties(Instance, { instance_type: "t4g.small" });
  });

  it("requires IMDSv2 with a hop limit of 1 by default, so containers cannot reach the role", () => {
    expect(synthHost().json).toHaveResourceWithProperties(Instance, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1, instance_metadata_tags: "disabled" },
    });
  });

  it("raises the hop limit to 2 when containers use the instance role", () => {
    expect(synthHost({ containersUseInstanceRole: true }).one("aws_instance").metadata_options).toMatchObject({ http_tokens: "required", http_put_response_hop_limit: 2 });
  });

  it("defaults to an encrypted 20 GiB gp3 root volume", () => {
    expect(synthHost().json).toHaveResourceWithProperties(Instance, {
      root_block_device: { volume_type: "gp3", volume_size: 20, encrypted: true, delete_on_termination: true },
    });
  });

  it("has no key pair", () => {
    expect(synthHost().one("aws_instance")).not.toHaveProperty("key_name");
  });

  it("gets the instance profile", () => {
    expect(synthHost().one("aws_instance").iam_instance_profile).toMatch(/^\$\{aws_iam_instance_profile\.[\w-]+\.name\}$/);
  });

  it("starts only once its log group and the role's permissions exist", () => {
    expect((synthHost().one("aws_instance").depends_on as string[]).map((d) => d.split(".")[0])).toEqual([
      "aws_cloudwatch_log_group",
      "aws_iam_role_policy_attachment",
      "aws_iam_role_policy",
    ]);
  });

  it("defaults to no termination protection and basic monitoring", () => {
    expect(synthHost().json).toHaveResourceWithProperties(Instance, { disable_api_termination: false, monitoring: false });
  });

  it("turns on termination protection and detailed monitoring when asked", () => {
    expect(synthHost({ terminationProtection: true, detailedMonitoring: true }).json).toHaveResourceWithProperties(Instance, {
      disable_api_termination: true,
      monitoring: true,
    });
  });

  it("is replaced, not stopped, when its bootstrap changes, and ignores newer AMIs until replaced", () => {
    const instance = synthHost().one("aws_instance");
    expect([instance.user_data_replace_on_change, (instance.lifecycle as { ignore_changes: string[] }).ignore_changes]).toEqual([true, ["ami"]]);
  });

  it("is replaced when its instance type or AMI line changes", () => {
    const { json, one, all } = synthHost();
    // Terraform takes bare addresses here (<type>.<name>), never "${…}" (Terraform lifecycle docs).
    const identity = Object.entries(JSON.parse(json).resource.terraform_data as Record<string, { triggers_replace: object }>).find(([, d]) => "instanceType" in d.triggers_replace)![0];
    expect((one("aws_instance").lifecycle as { replace_triggered_by: string[] }).replace_triggered_by).toEqual([`terraform_data.${identity}`]);
    expect(all("terraform_data").map((d) => d.triggers_replace)).toContainEqual({
      instanceType: "t3.small",
      amiParameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    });
  });

  it("has a public IP and no Elastic IP by default", () => {
    const { json, one } = synthHost();
    expect(json).not.toHaveResource(Eip);
    expect(one("aws_instance").associate_public_ip_address).toBe(true);
  });

  it("gets an Elastic IP, associated separately so it survives replacement, when asked", () => {
    const { json, one } = synthHost({ elasticIp: true });
    expect(json).toHaveResourceWithProperties(Eip, { domain: "vpc" });
    expect(one("aws_eip_association").instance_id).toMatch(/^\$\{aws_instance\.[\w-]+\.id\}$/);
  });
});

describe("Ec2Host data volume", () => {
  it("defaults to an encrypted 20 GiB gp3 volume with a final snapshot", () => {
    expect(synthHost().json).toHaveResourceWithProperties(EbsVolume, { size: 20, type: "gp3", encrypted: true, final_snapshot: true });
  });

  it("is protected from destroy by default", () => {
    expect(synthHost().one("aws_ebs_volume").lifecycle).toEqual({ prevent_destroy: true });
  });

  it("can be made destroyable", () => {
    expect(synthHost({ protectDataVolume: false }).one("aws_ebs_volume").lifecycle).toEqual({ prevent_destroy: false });
  });

  it("lives in the subnet's availability zone, independent of the instance", () => {
    expect(synthHost().one("aws_ebs_volume").availability_zone).toMatch(/^\$\{data\.aws_subnet\.[\w-]+\.availability_zone\}$/);
  });

  it("is attached as /dev/sdf, stopping the instance before a detach", () => {
    expect(synthHost().json).toHaveResourceWithProperties(VolumeAttachment, { device_name: "/dev/sdf", stop_instance_before_detaching: true });
  });

  it("is named by ID in the user data, where the boot script finds it", () => {
    expect(synthHost().one("aws_instance").user_data).toMatch(/BERTH_DATA_VOLUME_ID=\$\{aws_ebs_volume\.[\w-]+\.id\}\n/);
  });
});

describe("Ec2Host security group", () => {
  it("allows HTTP (80) from anywhere by default, and nothing else in", () => {
    expect(rules({}, "ingress")).toEqual([{ description: "HTTP to the app", protocol: "tcp", from_port: 80, to_port: 80, cidr_blocks: ["0.0.0.0/0"] }]);
  });

  it("allows 443 and 80 with HTTPS", () => {
    expect(rules({ https: { domain: "shop.example.com" } }, "ingress").map((r) => r.from_port)).toEqual([443, 80]);
  });

  it("without HTTPS, limits 80 (the app) to ingressCidrs", () => {
    expect(rules({ ingressCidrs: ["203.0.113.0/24"] }, "ingress").find((r) => r.from_port === 80)!.cidr_blocks).toEqual(["203.0.113.0/24"]);
  });

  it("with HTTPS, limits 443 (the app) to ingressCidrs", () => {
    const https443 = rules({ https: { domain: "shop.example.com" }, ingressCidrs: ["203.0.113.0/24"] }, "ingress").find((r) => r.from_port === 443);
    expect(https443!.cidr_blocks).toEqual(["203.0.113.0/24"]);
  });

  it("with HTTPS, opens 80 to anywhere even with ingressCidrs, saying it is for ACME HTTP-01 challenges and the redirect to HTTPS only", () => {
    expect(rules({ https: { domain: "shop.example.com" }, ingressCidrs: ["203.0.113.0/24"] }, "ingress").find((r) => r.from_port === 80)).toEqual({
      description: "HTTP from anywhere for ACME HTTP-01 challenges (the CA does not publish its addresses) and the redirect to HTTPS only: Caddy serves the app on 443",
      protocol: "tcp",
      from_port: 80,
      to_port: 80,
      cidr_blocks: ["0.0.0.0/0"],
    });
  });

  it("uses only characters EC2 accepts in rule descriptions", () => {
    // EC2 API (IpRange.Description): a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*
    const group = synthHost({ https: { domain: "shop.example.com" }, ingressCidrs: ["203.0.113.0/24"] }).one("aws_security_group");
    const descriptions = [...(group.ingress as Rule[]), ...(group.egress as Rule[])].map((r) => r.description);
    expect(descriptions.filter((d) => !/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/.test(d))).toEqual([]);
  });

  it("never opens SSH (22), with or without HTTPS", () => {
    const ports = [...rules({}, "ingress"), ...rules({ https: { domain: "shop.example.com" } }, "ingress")].flatMap((r) => [r.from_port, r.to_port]);
    expect(ports).not.toContain(22);
  });

  it("defaults to egress on HTTPS and HTTP only", () => {
    expect(rules({}, "egress").map((r) => `${r.protocol}/${r.from_port}-${r.to_port} ${r.cidr_blocks.join(",")}`)).toEqual(["tcp/443-443 0.0.0.0/0", "tcp/80-80 0.0.0.0/0"]);
  });

  it("takes the egress rules given", () => {
    const egress = [{ port: 443, cidrBlocks: ["10.0.0.0/8"], description: "HTTPS to the proxy", protocol: "tcp" as const }];
    expect(rules({ egress }, "egress")).toEqual([{ description: "HTTPS to the proxy", protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["10.0.0.0/8"] }]);
  });

  it("describes the group and every rule", () => {
    const group = synthHost({ https: { domain: "shop.example.com" } }).one("aws_security_group");
    const descriptions = [group.description, ...[...(group.ingress as Rule[]), ...(group.egress as Rule[])].map((r) => r.description)];
    expect(descriptions.every((d) => typeof d === "string" && d.length > 0)).toBe(true);
  });
});

describe("Ec2Host IAM", () => {
  it("lets only EC2 assume the role", () => {
    const trust = JSON.parse(synthHost().one("aws_iam_role").assume_role_policy as string);
    expect(trust.Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
  });

  it("gets Session Manager through AmazonSSMManagedInstanceCore", () => {
    expect(synthHost().json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: expect.stringMatching(/^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:iam::aws:policy\/AmazonSSMManagedInstanceCore$/),
    });
  });

  it("by default: denies reading any parameter, writes its log streams, pulls from its repository only", () => {
    expect(hostStatements()).toEqual([
      { Sid: "NoOtherParameters", Effect: "Deny", Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"], Resource: "*" },
      {
        Sid: "WriteContainerLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}:log-stream:\*$/),
      },
      { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
      {
        Sid: "PullAppImages",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Resource: [expect.stringMatching(/^\$\{data\.aws_ecr_repository\.[\w-]+\.arn\}$/)],
      },
    ]);
  });

  it("reads exactly the listed secrets, and no other parameter", () => {
    const statements = hostStatements({ secrets: { DB_URL: SSM_ARN, API_TOKEN: `${SECRET_ARN}:token::` } });
    expect(statements.filter((s) => /Parameters|Secrets/.test(s.Sid))).toEqual([
      { Sid: "NoOtherParameters", Effect: "Deny", Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"], NotResource: [SSM_ARN] },
      { Sid: "ReadAppParameters", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: [SSM_ARN] },
      { Sid: "ReadAppSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET_ARN] },
    ]);
  });

  it("has no ECR permission for a public image given by URI", () => {
    expect(hostStatements({ image: { uri: "public.ecr.aws/nginx/nginx:1.27" } }).flatMap((s) => s.Action).filter((a) => a.startsWith("ecr:"))).toEqual([]);
  });

  it("allows no action on every resource except ecr:GetAuthorizationToken, which has no resource-level permissions", () => {
    const statements = hostStatements({ secrets: { DB_URL: SSM_ARN, API_TOKEN: SECRET_ARN } });
    const wildcards = statements.filter((s) => s.Effect === "Allow" && [s.Resource].flat().includes("*")).flatMap((s) => s.Action);
    expect(wildcards).toEqual(["ecr:GetAuthorizationToken"]);
  });

  it("allows no wildcard action", () => {
    expect(hostStatements({ secrets: { DB_URL: SSM_ARN } }).flatMap((s) => s.Action).filter((a) => a.includes("*"))).toEqual([]);
  });
});

describe("Ec2Host logs", () => {
  it("keeps the containers' logs 14 days by default", () => {
    expect(synthHost().json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/berth/shop-dev/ec2", retention_in_days: 14 });
  });

  it("sends every container's output to that log group with the awslogs driver, without blocking the app", () => {
    const userData = synthHost({ logRetentionDays: 90 }).one("aws_instance").user_data as string;
    expect(userData).toContain('"log-driver": "awslogs"');
    expect(userData).toContain('"awslogs-group": "/berth/shop-dev/ec2"');
    expect(userData).toContain('"mode": "non-blocking"');
  });
});

describe("Ec2Host user data", () => {
  it("installs Docker, the ECR credential helper and jq, and turns on live-restore", () => {
    const userData = synthHost().one("aws_instance").user_data as string;
    expect(userData).toMatch(/^#cloud-config\n/);
    expect(userData).toContain("packages:\n  - docker\n  - amazon-ecr-credential-helper\n  - jq\n");
    expect(userData).toContain('"live-restore": true');
  });

  it("passes compose v2.39.4 (https://github.com/docker/compose/releases/tag/v2.39.4) and no pinned checksum to the bootstrap by default", () => {
    expect(synthHost().one("aws_instance").user_data).toContain(`runcmd:\n  - - /usr/local/sbin/berth-bootstrap\n    - v2.39.4\n    - ""\n`);
  });

  it("holds no secret: neither values nor the secrets' ARNs, and no AWS access key", () => {
    const userData = synthHost({ secrets: { DB_URL: SSM_ARN, API_TOKEN: SECRET_ARN } }).one("aws_instance").user_data as string;
    expect([userData.includes(SSM_ARN), userData.includes(SECRET_ARN), /(AKIA|ASIA)[0-9A-Z]{16}/.test(userData)]).toEqual([false, false, false]);
  });

  it("escapes the shell's ${ for Terraform", () => {
    expect(synthHost().one("aws_instance").user_data).toContain(': "$${BERTH_HOME:=/var/lib/berth}"');
  });
});

describe("Ec2Host releases", () => {
  it("deploys with a Command document targeting EC2 instances", () => {
    expect(synthHost().json).toHaveResourceWithProperties(SsmDocument, {
      name: "berth-shop-dev-deploy",
      document_type: "Command",
      document_format: "JSON",
      target_type: "/AWS::EC2::Instance",
    });
  });

  it("associates the document with the instance, after the data volume is attached", () => {
    const association = synthHost().one("aws_ssm_association");
    expect([association.targets, association.depends_on]).toEqual([
      [{ key: "InstanceIds", values: [expect.stringMatching(/^\$\{aws_instance\.[\w-]+\.id\}$/)] }],
      [expect.stringMatching(/^aws_volume_attachment\./)],
    ]);
  });

  it("runs the document version just written", () => {
    expect(synthHost().one("aws_ssm_association").document_version).toMatch(/^\$\{aws_ssm_document\.[\w-]+\.latest_version\}$/);
  });

  it("looks the image's tag up in its repository at plan time, never the most recent image", () => {
    const { json } = synthHost({ image: { ecrRepositoryName: "shop-dev/web", tag: "h-0123456789abcdef01234567" } });
    expect(Object.values(JSON.parse(json).data.aws_ecr_image)).toEqual([{ repository_name: "shop-dev/web", image_tag: "h-0123456789abcdef01234567" }]);
  });

  it("deploys a tagged image by the digest the tag resolves to at plan time", () => {
    const { one } = synthHost({ image: { ecrRepositoryName: "shop-dev/web", tag: "h-0123456789abcdef01234567" } });
    expect((one("aws_ssm_association").parameters as Record<string, string>).images).toMatch(
      /^web=\$\{data\.aws_ecr_repository\.[\w-]+\.repository_url\}@\$\{data\.aws_ecr_image\.[\w-]+\.image_digest\}$/,
    );
  });

  it("pins a published reference as given, with no image lookup", () => {
    const pinnedReference = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web@${DIGEST}`;
    const { json, one } = synthHost({ image: { ecrRepositoryName: "shop-dev/web", pinnedReference } });
    expect(json).not.toHaveDataSource(DataAwsEcrImage);
    expect((one("aws_ssm_association").parameters as Record<string, string>).images).toBe(`web=${pinnedReference}`);
  });

  it("uses an image given by URI as it is", () => {
    expect((synthHost({ image: { uri: "public.ecr.aws/nginx/nginx:1.27" } }).one("aws_ssm_association").parameters as Record<string, string>).images).toBe(
      "web=public.ecr.aws/nginx/nginx:1.27",
    );
  });

  it("carries the compose file, settings and secret references as base64 parameters, never secret values", () => {
    const parameters = synthHost({ secrets: { DB_URL: SSM_ARN } }).one("aws_ssm_association").parameters as Record<string, string>;
    expect(Object.keys(parameters).sort()).toEqual(["compose", "images", "secrets", "settings"]);
    expect(base64(parameters.secrets!)).toBe(`DB_URL=${SSM_ARN}\n`);
    expect(base64(parameters.compose!)).toContain("      - DB_URL\n");
  });

  it("probes http://127.0.0.1:80<path> after an update, within 180 s by default", () => {
    const parameters = synthHost({ healthCheck: { path: "/health" } }).one("aws_ssm_association").parameters as Record<string, string>;
    expect(base64(parameters.settings!)).toBe(
      "BERTH_HEALTH_URL=http://127.0.0.1:80/health\nBERTH_HEALTH_PROBE_TIMEOUT_SECONDS=5\nBERTH_HEALTH_INTERVAL_SECONDS=10\nBERTH_HEALTHY_THRESHOLD=2\nBERTH_UPDATE_TIMEOUT_SECONDS=180\n",
    );
  });

  it("gives named volumes to uid:gid 1000:1000 by default", () => {
    const parameters = synthHost({ volumes: [{ name: "data", path: "/var/lib/app" }] }).one("aws_ssm_association").parameters as Record<string, string>;
    expect(base64(parameters.settings!)).toContain("\nBERTH_VOLUME_OWNERS=data:1000:1000\n");
  });

  it("gives each named volume the uid and gid of its props", () => {
    const volumes = [
      { name: "data", path: "/var/lib/app", uid: 0, gid: 50 },
      { name: "cache", path: "/var/cache/app", uid: 101, gid: 102 },
    ];
    const parameters = synthHost({ volumes }).one("aws_ssm_association").parameters as Record<string, string>;
    expect(base64(parameters.settings!)).toContain("\nBERTH_VOLUME_OWNERS=data:0:50 cache:101:102\n");
  });

  it("adds the Caddyfile with HTTPS", () => {
    const parameters = synthHost({ https: { domain: "shop.example.com", email: "ops@example.com" } }).one("aws_ssm_association").parameters as Record<string, string>;
    expect(base64(parameters.caddyfile!)).toBe("{\n\temail ops@example.com\n}\n\nshop.example.com {\n\treverse_proxy web:8080\n}\n");
  });

  it("re-creates the association when the release, the document or the instance changes, and waits for its success", () => {
    const { json, one, all } = synthHost();
    const association = one("aws_ssm_association");
    const release = Object.entries(JSON.parse(json).resource.terraform_data as Record<string, { triggers_replace: object }>).find(([, d]) => "files" in d.triggers_replace)![0];
    expect((association.lifecycle as { replace_triggered_by: string[] }).replace_triggered_by).toEqual([`terraform_data.${release}`]);
    expect(Object.keys(all("terraform_data").find((d) => "files" in (d.triggers_replace as object))!.triggers_replace as object).sort()).toEqual([
      "document",
      "files",
      "images",
      "instance",
    ]);
    expect(association.wait_for_success_timeout_seconds).toBe(2160);
  });
});


describe("Ec2Host: names and placement", () => {
  it("puts the instance in the given subnet, behind the host's security group only", () => {
    const instance = synthHost().one("aws_instance");
    expect([instance.subnet_id, instance.vpc_security_group_ids]).toEqual(["subnet-0abc1234", [terraformRef("aws_security_group")]]);
  });

  it("looks up the given subnet (for the data volume's AZ)", () => {
    expect(synthHost().data("aws_subnet")).toEqual([{ id: "subnet-0abc1234" }]);
  });

  it("names the instance, the data volume and the security group after the app", () => {
    const { one } = synthHost();
    expect([one("aws_instance").tags, one("aws_ebs_volume").tags, one("aws_security_group").name, one("aws_security_group").tags]).toEqual([
      { Name: "shop-dev" },
      { Name: "shop-dev-data" },
      "shop-dev-ec2-host",
      { Name: "shop-dev-ec2-host" },
    ]);
  });

  it("describes the security group as the app's ports only, no SSH", () => {
    expect(synthHost().one("aws_security_group").description).toBe("berth EC2 host of shop-dev: the app's published ports only, no SSH");
  });

  it("with HTTPS, lets tcp 443 in from ingressCidrs, described as HTTPS to the app through the Caddy proxy", () => {
    expect(rules({ https: { domain: "shop.example.com" }, ingressCidrs: ["203.0.113.0/24"] }, "ingress")[0]).toEqual({
      description: "HTTPS to the app through the Caddy proxy",
      protocol: "tcp",
      from_port: 443,
      to_port: 443,
      cidr_blocks: ["203.0.113.0/24"],
    });
  });

  // IAM User Guide, reference_policies_elements_version.html: "2012-10-17" is the current policy language version.
  it("names the role, its inline policy and the instance profile, with the current policy language version", () => {
    const { one } = synthHost();
    const policy = one("aws_iam_role_policy");
    expect([one("aws_iam_role").name, one("aws_iam_role").description, policy.name, JSON.parse(policy.policy as string).Version, one("aws_iam_instance_profile").name]).toEqual([
      "shop-dev-ec2-host",
      "berth EC2 host of shop-dev",
      "berth-host",
      "2012-10-17",
      "shop-dev-ec2-host",
    ]);
  });

  it("names the Elastic IP after the app", () => {
    expect(synthHost({ elasticIp: true }).one("aws_eip").tags).toEqual({ Name: "shop-dev" });
  });

  it("names the deploy association berth-<app>-deploy", () => {
    expect(synthHost().one("aws_ssm_association").association_name).toBe("berth-shop-dev-deploy");
  });
});

describe("Ec2Host.appUrl", () => {
  function appUrl(props: Partial<typeof REQUIRED_PROPS> & { elasticIp?: boolean; https?: { domain: string } } = {}) {
    let url = "";
    Testing.synthScope((scope) => {
      url = new Ec2Host(scope, "host", { ...REQUIRED_PROPS, ...props }).appUrl;
    });
    return resolvedText(url);
  }

  it("is http://<the instance's public DNS name> by default", () => {
    expect(appUrl()).toMatch(/^http:\/\/\$\{aws_instance\.[\w-]+\.public_dns\}$/);
  });

  it("is http://<the Elastic IP's public DNS name> with elasticIp", () => {
    expect(appUrl({ elasticIp: true })).toMatch(/^http:\/\/\$\{aws_eip\.[\w-]+\.public_dns\}$/);
  });

  it("is https://<domain> with HTTPS", () => {
    expect(appUrl({ https: { domain: "shop.example.com" } })).toBe("https://shop.example.com");
  });
});
