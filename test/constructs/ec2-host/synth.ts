import { Testing } from "cdktf";
import { Ec2Host, type Ec2HostProps } from "../../../constructs/ec2-host";

export const SSM_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db-url";
export const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-AbCdEf";
export const DIGEST = `sha256:${"b".repeat(64)}`;

/** The required props only; tests add what they exercise. */
export const REQUIRED_PROPS: Ec2HostProps = {
  name: "shop-dev",
  region: "eu-west-1",
  vpcId: "vpc-0abc1234",
  subnetId: "subnet-0abc1234",
  image: { ecrRepositoryName: "shop-dev/web", tag: "h-0123456789abcdef01234567" },
  port: 8080,
};

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Synthesizes one Ec2Host and gives the JSON plus lookups by Terraform type. */
export function synthHost(props: Partial<Ec2HostProps> = {}) {
  const json = Testing.synthScope((scope) => {
    new Ec2Host(scope, "host", { ...REQUIRED_PROPS, ...props });
  });
  const parsed = JSON.parse(json) as { resource: Resources; data: Resources };
  const all = (type: string) => Object.values(parsed.resource[type] ?? {});
  const one = (type: string) => {
    const found = all(type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0]!;
  };
  const data = (type: string) => Object.values(parsed.data?.[type] ?? {});
  return { json, all, one, data };
}

interface PolicyStatement {
  Sid: string;
  Effect: string;
  Action: string[];
  Resource?: string | string[];
  NotResource?: string[];
}

/** The statements of the host's inline policy. */
export function hostStatements(props: Partial<Ec2HostProps> = {}): PolicyStatement[] {
  const policy = synthHost(props).one("aws_iam_role_policy").policy as string;
  return (JSON.parse(policy) as { Statement: PolicyStatement[] }).Statement;
}
