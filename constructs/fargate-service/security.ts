import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import type { Construct } from "constructs";
import type { ResolvedServiceProps } from "./resolve";

/**
 * The tasks' security group (created in `scope`, the FargateService): the app port from the load
 * balancer (rules written by the load balancer) and from the services allowed in
 * (FargateService.allowFrom) only, and the egress rules given.
 */
export function taskSecurityGroup(scope: Construct, p: ResolvedServiceProps): SecurityGroup {
  const sg = new SecurityGroup(scope, "sg", {
    name: `${p.name}-tasks`,
    // The description forces a new group when it changes: a load-balanced service keeps its wording.
    description: p.loadBalancer ? `Tasks of ${p.name}: the app port from the load balancer only` : `Tasks of ${p.name}: the app port from the services allowed in only`,
    vpcId: p.vpcId,
    tags: { Name: `${p.name}-tasks` },
  });
  if (p.loadBalancer) p.loadBalancer.allowTo({ scope, securityGroupId: sg.id, label: `the tasks of ${p.name}` }, p.loadBalancer.targetPort);
  p.egress.forEach((rule, i) =>
    rule.cidrBlocks.forEach((cidr, j) => {
      new VpcSecurityGroupEgressRule(scope, `egress-${i}-${j}`, {
        securityGroupId: sg.id,
        description: rule.description,
        ipProtocol: rule.protocol ?? "tcp",
        fromPort: rule.port,
        toPort: rule.port,
        cidrIpv4: cidr,
      });
    }),
  );
  return sg;
}
