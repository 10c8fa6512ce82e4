import { CERTIFICATE_ARN, alb, bothAccept, ec2Spec, host, network, sameRule, service } from "./support";

const NOT_A_CIDR = 'must be an IPv4 CIDR like "203.0.113.0/24": four numbers from 0 to 255 and a prefix from 0 to 32';
const fargate = (more: Record<string, unknown>) => ({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, ...more } });
const egress = (cidr: string) => [{ port: 443, cidrBlocks: [cidr], description: "HTTPS" }];

// IPv4 CIDR: four octets 0-255 and a prefix 0-32 (RFC 4632 §3.1); the provider refuses host bits
// (aws_vpc cidr_block: verify.ValidIPv4CIDRNetworkAddress; aws_security_group cidr_blocks:
// verify.ValidCIDRNetworkAddress; aws_vpc_security_group_*_rule cidr_ipv4:
// fwvalidators.IPv4CIDRNetworkAddress) and Go's net.ParseCIDR refuses leading zeros.
describe("CIDR gets the same rule in the spec and the constructs", () => {
  it.each(["10.0.0.0/40", "10.0.0.0/33", "256.0.0.0/8", "10.0.0/8", "010.0.0.0/8"])("refuses %s in fargate.ingressCidrs and LoadBalancer.ingressCidrs", (cidr) => {
    sameRule(fargate({ ingressCidrs: [cidr] }), "fargate.ingressCidrs[0]", alb({ ingressCidrs: [cidr] }), "stack/alb: ingressCidrs[0]", cidr, NOT_A_CIDR);
  });

  it("refuses 10.0.0.0/40 in ec2.ingressCidrs and Ec2Host.ingressCidrs (the spec let it through before)", () => {
    sameRule(ec2Spec({ ec2: { ingressCidrs: ["10.0.0.0/40"] } }), "ec2.ingressCidrs[0]", host({ ingressCidrs: ["10.0.0.0/40"] }), "stack/host: ingressCidrs[0]", "10.0.0.0/40", NOT_A_CIDR);
  });

  it("refuses 10.0.0.5/16 (host bits) in network.cidrBlock and Network.cidrBlock, naming the network", () => {
    const rule = 'has host bits set: the network is "10.0.0.0/16"';
    sameRule({ network: { cidrBlock: "10.0.0.5/16" } }, "network.cidrBlock", network({ cidrBlock: "10.0.0.5/16" }), "stack/network: cidrBlock", "10.0.0.5/16", rule);
  });

  it("refuses 203.0.113.7/24 (host bits) in fargate.ingressCidrs and LoadBalancer.ingressCidrs", () => {
    const rule = 'has host bits set: the network is "203.0.113.0/24"';
    sameRule(fargate({ ingressCidrs: ["203.0.113.7/24"] }), "fargate.ingressCidrs[0]", alb({ ingressCidrs: ["203.0.113.7/24"] }), "stack/alb: ingressCidrs[0]", "203.0.113.7/24", rule);
  });

  it("refuses 192.168.1.1/24 (host bits) in ec2.ingressCidrs and Ec2Host.ingressCidrs", () => {
    const rule = 'has host bits set: the network is "192.168.1.0/24"';
    sameRule(ec2Spec({ ec2: { ingressCidrs: ["192.168.1.1/24"] } }), "ec2.ingressCidrs[0]", host({ ingressCidrs: ["192.168.1.1/24"] }), "stack/host: ingressCidrs[0]", "192.168.1.1/24", rule);
  });

  it("refuses 10.1.2.3/8 (host bits) in fargate.egress and FargateService.egress", () => {
    const rule = 'has host bits set: the network is "10.0.0.0/8"';
    sameRule(fargate({ egress: egress("10.1.2.3/8") }), "fargate.egress[0].cidrBlocks[0]", service({ egress: egress("10.1.2.3/8") }), "stack/service: egress[0].cidrBlocks[0]", "10.1.2.3/8", rule);
  });

  it("refuses 172.16.0.1/12 (host bits) in ec2.egress and Ec2Host.egress", () => {
    const rule = 'has host bits set: the network is "172.16.0.0/12"';
    sameRule(ec2Spec({ ec2: { egress: egress("172.16.0.1/12") } }), "ec2.egress[0].cidrBlocks[0]", host({ egress: egress("172.16.0.1/12") }), "stack/host: egress[0].cidrBlocks[0]", "172.16.0.1/12", rule);
  });

  it("refuses 1.2.3.4/0 (host bits of a /0)", () => {
    sameRule(fargate({ ingressCidrs: ["1.2.3.4/0"] }), "fargate.ingressCidrs[0]", alb({ ingressCidrs: ["1.2.3.4/0"] }), "stack/alb: ingressCidrs[0]", "1.2.3.4/0", 'has host bits set: the network is "0.0.0.0/0"');
  });

  it.each(["0.0.0.0/0", "255.255.255.255/32", "203.0.113.0/24", "10.0.0.0/8"])("accepts %s on both sides", (cidr) => {
    bothAccept(fargate({ ingressCidrs: [cidr], egress: egress(cidr) }), alb({ ingressCidrs: [cidr] }));
    bothAccept(ec2Spec({ ec2: { ingressCidrs: [cidr], egress: egress(cidr) } }), host({ ingressCidrs: [cidr], egress: egress(cidr) }));
  });
});

// AWS allows VPC blocks from /16 to /28 (Amazon VPC User Guide, "VPC CIDR blocks"); berth cuts 16
// subnets, and a subnet is at least a /28 too, so its VPC is at most a /24.
describe("VPC block size gets the same rule", () => {
  const rule = 'must be an IPv4 CIDR from /16 to /24 like "10.0.0.0/16"';

  it.each(["10.0.0.0/15", "10.0.0.0/25"])("refuses %s", (cidr) => {
    sameRule(ec2Spec({ network: { cidrBlock: cidr } }), "network.cidrBlock", network({ cidrBlock: cidr }), "stack/network: cidrBlock", cidr, rule);
  });

  it.each(["10.0.0.0/16", "10.0.0.0/24"])("accepts %s", (cidr) => {
    bothAccept(ec2Spec({ network: { cidrBlock: cidr } }), network({ cidrBlock: cidr }));
  });
});
