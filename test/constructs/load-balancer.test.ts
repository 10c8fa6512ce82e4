import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { LoadBalancer, type LoadBalancerProps } from "../../constructs/load-balancer";
import { elbName, targetGroupNamePrefix } from "../../constructs/load-balancer/names";
import { CERTIFICATE_ARN, errorOf, resolvedText, terraformRef } from "../helpers";

function synth(props: Partial<LoadBalancerProps> = {}) {
  const json = Testing.synthScope((scope) => {
    new LoadBalancer(scope, "alb", {
      name: "shop-dev",
      vpcId: "vpc-0abc1234",
      subnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"],
      https: { certificateArn: CERTIFICATE_ARN },
      targetPort: 8080,
      healthCheck: { path: "/health" },
      ...props,
    });
  });
  const resources = JSON.parse(json).resource as Record<string, Record<string, Record<string, unknown>>>;
  return { json, all: (type: string) => Object.values(resources[type] ?? {}) };
}

describe("LoadBalancer", () => {
  it("is an internet-facing application load balancer by default", () => {
    expect(synth().json).toHaveResourceWithProperties(Lb, { name: "shop-dev", load_balancer_type: "application", internal: false });
  });

  it("drops invalid header fields and mitigates desync defensively", () => {
    expect(synth().json).toHaveResourceWithProperties(Lb, { drop_invalid_header_fields: true, desync_mitigation_mode: "defensive" });
  });

  it("defaults to no deletion protection and a 60 s idle timeout", () => {
    expect(synth().json).toHaveResourceWithProperties(Lb, { enable_deletion_protection: false, idle_timeout: 60 });
  });

  it("defaults to no access logs", () => {
    expect(synth().all("aws_lb")[0]).not.toHaveProperty("access_logs");
  });

  it("writes access logs to the given bucket", () => {
    expect(synth({ accessLogsBucket: "acme-alb-logs" }).json).toHaveResourceWithProperties(Lb, {
      access_logs: { bucket: "acme-alb-logs", enabled: true, prefix: "shop-dev" },
    });
  });

  it("serves HTTPS on 443 with the TLS 1.3/1.2 policy and the given certificate", () => {
    expect(synth().json).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: CERTIFICATE_ARN,
    });
  });

  it("redirects HTTP on port 80 to HTTPS with a 301", () => {
    expect(synth().json).toHaveResourceWithProperties(LbListener, {
      port: 80,
      protocol: "HTTP",
      default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
    });
  });

  it("with plainHttp: one HTTP listener that forwards, no HTTPS", () => {
    const listeners = synth({ https: { plainHttp: true } }).all("aws_lb_listener");
    expect(listeners.map((l) => [l.port, l.protocol, (l.default_action as { type: string }[])[0]!.type])).toEqual([[80, "HTTP", "forward"]]);
  });

  it("opens 443 and 80 from anywhere by default, each rule described", () => {
    const rules = synth().all("aws_vpc_security_group_ingress_rule");
    expect(rules.map((r) => [r.from_port, r.cidr_ipv4, r.description])).toEqual([
      [443, "0.0.0.0/0", "HTTPS from 0.0.0.0/0"],
      [80, "0.0.0.0/0", "HTTP from 0.0.0.0/0, redirected to HTTPS"],
    ]);
  });

  it("opens only port 80 with plainHttp", () => {
    expect(synth({ https: { plainHttp: true } }).all("aws_vpc_security_group_ingress_rule").map((r) => r.from_port)).toEqual([80]);
  });

  it("opens the listeners to the given CIDRs only", () => {
    expect(synth({ ingressCidrs: ["203.0.113.0/24"] }).json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv4: "203.0.113.0/24", from_port: 443 });
  });

  it("targets ip addresses on the app port over HTTP", () => {
    expect(synth().json).toHaveResourceWithProperties(LbTargetGroup, { target_type: "ip", port: 8080, protocol: "HTTP" });
  });

  it("tags the target group with a readable Name: <name>-<port>", () => {
    expect(synth().json).toHaveResourceWithProperties(LbTargetGroup, { tags: { Name: "shop-dev-8080" } });
  });

  // Target group names are unique per account and Region; with create_before_destroy, a
  // replacement (vpc_id, port, protocol, target_type and name force one: aws-force-new.json) that
  // kept a fixed name would collide with the group it replaces.
  it("sets no fixed target group name, so a replacement cannot collide with the group it replaces", () => {
    expect(synth().all("aws_lb_target_group")[0]).not.toHaveProperty("name");
  });

  it("gives the target group a name_prefix instead: shop- for shop-dev", () => {
    expect(synth().all("aws_lb_target_group")[0]!.name_prefix).toBe("shop-");
  });

  it("after a replacement-forcing change (another VPC) still leaves the name to Terraform: name_prefix, no name", () => {
    const group = synth({ vpcId: "vpc-0def5678" }).all("aws_lb_target_group")[0]!;
    expect([group.vpc_id, group.name_prefix, group.name]).toEqual(["vpc-0def5678", "shop-", undefined]);
  });

  it("defaults to a 30 s deregistration delay", () => {
    expect(synth().json).toHaveResourceWithProperties(LbTargetGroup, { deregistration_delay: "30" });
  });

  it("defaults to fast health checks: every 10 s, 5 s timeout, healthy after 2, unhealthy after 3, 200-399", () => {
    expect(synth().json).toHaveResourceWithProperties(LbTargetGroup, {
      health_check: { enabled: true, path: "/health", matcher: "200-399", interval: 10, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, port: "traffic-port", protocol: "HTTP" },
    });
  });

  it("replaces the target group before destroying the old one", () => {
    expect(synth().json).toHaveResourceWithProperties(LbTargetGroup, { lifecycle: { create_before_destroy: true } });
  });

  it("with a domain: a DNS-validated certificate, its validation record, and an alias to the ALB", () => {
    const { json, all } = synth({ https: { domain: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } });
    expect(json).toHaveResourceWithProperties(AcmCertificate, { domain_name: "shop.example.com", validation_method: "DNS" });
    expect(json).toHaveResourceWithProperties(AcmCertificateValidation, { validation_record_fqdns: [expect.stringMatching(/^\$\{aws_route53_record\.[\w-]+\.fqdn\}$/)] });
    expect(json).toHaveResourceWithProperties(Route53Record, { name: "shop.example.com", type: "A", zone_id: "Z0123456789ABCDEFGHIJ", alias: expect.objectContaining({ evaluate_target_health: true }) });
    expect(all("aws_lb_listener").find((l) => l.port === 443)!.certificate_arn).toMatch(/^\$\{aws_acm_certificate_validation\.[\w-]+\.certificate_arn\}$/);
  });

  it("writes the certificate's validation record whole: name, type and value from its one validation option, TTL 60, in the given zone", () => {
    const record = synth({ https: { domain: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } })
      .all("aws_route53_record")
      .find((r) => r.ttl === 60)!;
    const option = (attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{tolist\\(aws_acm_certificate\\.[\\w-]+\\.domain_validation_options\\)\\.0\\.${attribute}\\}$`));
    expect(record).toEqual({
      zone_id: "Z0123456789ABCDEFGHIJ",
      name: option("resource_record_name"),
      type: option("resource_record_type"),
      records: [option("resource_record_value")],
      ttl: 60,
      allow_overwrite: true,
    });
  });

  // A certificate in use by a listener cannot be deleted: its replacement must exist first (ACM API Reference, DeleteCertificate: ResourceInUseException; the Terraform aws_acm_certificate docs recommend create_before_destroy).
  it("creates a replacement certificate before destroying the old one", () => {
    const certificate = synth({ https: { domain: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } }).all("aws_acm_certificate")[0]!;
    expect(certificate.lifecycle).toEqual({ create_before_destroy: true });
  });

  // ELB User Guide, application-load-balancers.html, "Subnets for your load balancer": at least a /27.
  it("accepts /27 subnets", () => {
    expect(synth({ subnetPrefixLength: 27 }).all("aws_lb")).toHaveLength(1);
  });

  it("fails on /28 subnets, naming the size and the /27 needed", () => {
    expect(errorOf(() => synth({ subnetPrefixLength: 28 }))).toBe(
      "stack/alb: the subnets are /28 but an Application Load Balancer needs subnets of /27 or larger (with 8 free addresses each): give it larger subnets",
    );
  });

  it("fails with fewer than 2 subnets", () => {
    expect(errorOf(() => synth({ subnetIds: ["subnet-0aaa1111"] }))).toMatch(/^stack\/alb: an Application Load Balancer needs subnets in at least 2 AZs, got 1 subnet\(s\)/);
  });

  it("fails when the health check path does not begin with /", () => {
    expect(errorOf(() => synth({ healthCheck: { path: "health" } }))).toBe('stack/alb: healthCheck.path must be an HTTP path starting with "/" (printable ASCII, no spaces, at most 1024 characters), got "health"');
  });

  it("fails when the health check timeout is not shorter than the interval", () => {
    expect(errorOf(() => synth({ healthCheck: { path: "/", intervalSeconds: 5, timeoutSeconds: 5 } }))).toBe(
      "stack/alb: healthCheck.timeoutSeconds (5) must be less than intervalSeconds (5)",
    );
  });

  it("fails on a deregistration delay above 3600 s", () => {
    expect(errorOf(() => synth({ deregistrationDelaySeconds: 4000 }))).toBe("stack/alb: deregistrationDelaySeconds must be a whole number from 0 to 3600 seconds, got 4000");
  });
});

describe("LoadBalancer.allowTo", () => {
  function synthAllowTo() {
    const json = Testing.synthScope((scope) => {
      const lb = new LoadBalancer(scope, "alb", { name: "shop-dev", vpcId: "vpc-0abc1234", subnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"], https: { plainHttp: true }, targetPort: 8080, healthCheck: { path: "/" } });
      const target = new Construct(scope, "worker");
      const sg = new SecurityGroup(target, "sg", { name: "worker", vpcId: "vpc-0abc1234" });
      lb.allowTo({ scope: target, securityGroupId: sg.id, label: "the workers" }, 9000);
    });
    const resources = JSON.parse(json).resource as Record<string, Record<string, Record<string, unknown>>>;
    return (type: string) => resources[type] ?? {};
  }

  it("lets the target's group accept the load balancer's group on the port only", () => {
    const rules = Object.entries(synthAllowTo()("aws_vpc_security_group_ingress_rule")).filter(([id]) => id.startsWith("worker_"));
    expect(rules.map(([id, r]) => [id.replace(/_[0-9A-F]+$/, ""), r.security_group_id, r.referenced_security_group_id, r.ip_protocol, r.from_port, r.to_port, r.description])).toEqual([
      ["worker_from-alb", expect.stringContaining("worker_sg"), expect.stringContaining("alb_sg"), "tcp", 9000, 9000, "App port 9000 from the load balancer"],
    ]);
  });

  it("lets the load balancer's group send to the target's group on the port only, in the target's scope", () => {
    const rules = Object.entries(synthAllowTo()("aws_vpc_security_group_egress_rule"));
    expect(rules.map(([id, r]) => [id.replace(/_[0-9A-F]+$/, ""), r.security_group_id, r.referenced_security_group_id, r.ip_protocol, r.from_port, r.to_port, r.description])).toEqual([
      ["worker_alb-to-tasks", expect.stringContaining("alb_sg"), expect.stringContaining("worker_sg"), "tcp", 9000, 9000, "To the workers on the app port 9000"],
    ]);
  });
});

describe("elbName", () => {
  it("keeps a valid name of up to 32 characters", () => {
    expect(elbName("shop-prod")).toBe("shop-prod");
  });

  it("shortens a long name to 32 characters, stably", () => {
    const name = elbName("a-very-long-application-name-prod-8080");
    expect([name.length <= 32, name, elbName("a-very-long-application-name-prod-8080")]).toEqual([true, expect.stringMatching(/^a-very-long-application-[0-9a-f]{7}$/), name]);
  });

  it("never shortens two long names to one", () => {
    expect(elbName("a-very-long-application-name-prod-8080")).not.toBe(elbName("a-very-long-application-name-prod-8081"));
  });

  it("never starts with internal-", () => {
    expect(elbName("internal-tools-dev")).toMatch(/^tools-dev-[0-9a-f]{7}$/);
  });

  it("replaces characters AWS does not allow", () => {
    expect(elbName("shop_dev")).toMatch(/^shop-dev-[0-9a-f]{7}$/);
  });

  // ELBv2 API Reference, CreateLoadBalancer Name: at most 32 characters.
  it("keeps a valid name of exactly 32 characters as it is", () => {
    expect(elbName("a".repeat(32))).toBe("a".repeat(32));
  });

  it("shortens a name of 33 characters, with its hash", () => {
    expect(elbName("a".repeat(33))).toMatch(/^a{24}-[0-9a-f]{7}$/);
  });

  it("collapses a run of replaced characters into one hyphen", () => {
    expect(elbName("shop__dev")).toMatch(/^shop-dev-[0-9a-f]{7}$/);
  });
});

describe("targetGroupNamePrefix", () => {
  // hashicorp/terraform-provider-aws internal/service/elbv2/validate.go (validTargetGroupNamePrefix):
  // at most 6 characters (32 minus the 26-character unique suffix), [0-9A-Za-z-], no leading hyphen.
  const VALID_PREFIX = /^[0-9A-Za-z][0-9A-Za-z-]{0,5}$/;

  it.each(["shop-dev", "a-rather-long-app-nm-prod", "internal-tools-dev", "-shop", "_shop_dev", "ab", "a", "shop_"])("gives a valid name_prefix for %j", (base) => {
    expect(targetGroupNamePrefix(base)).toMatch(VALID_PREFIX);
  });

  it("keeps the start of the name, cut to 5 characters, then a hyphen", () => {
    expect(targetGroupNamePrefix("a-rather-long-app-nm-prod")).toBe("a-rat-");
  });

  it("collapses a run of replaced characters into one hyphen", () => {
    expect(targetGroupNamePrefix("a__b")).toBe("a-b-");
  });

  it("falls back to tg- for a name with no letter or digit", () => {
    expect(targetGroupNamePrefix("___")).toBe("tg-");
  });
});


describe("LoadBalancer: the arguments of each resource", () => {
  it("gives the load balancer a security group of its own, named and described after the app (HTTPS)", () => {
    expect(synth().all("aws_security_group")).toEqual([
      { name: "shop-dev-alb", description: "Load balancer of shop-dev: HTTPS (and HTTP redirect) from allowed CIDRs", vpc_id: "vpc-0abc1234", tags: { Name: "shop-dev-alb" } },
    ]);
  });

  it("describes the security group as HTTP only with plainHttp", () => {
    expect(synth({ https: { plainHttp: true } }).all("aws_security_group")[0]!.description).toBe("Load balancer of shop-dev: HTTP from allowed CIDRs");
  });

  it("takes HTTPS (tcp 443) and HTTP (tcp 80, redirected) from each allowed CIDR into that group", () => {
    expect(synth({ ingressCidrs: ["203.0.113.0/24"] }).all("aws_vpc_security_group_ingress_rule")).toEqual([
      { security_group_id: terraformRef("aws_security_group"), description: "HTTPS from 203.0.113.0/24", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "203.0.113.0/24" },
      { security_group_id: terraformRef("aws_security_group"), description: "HTTP from 203.0.113.0/24, redirected to HTTPS", ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "203.0.113.0/24" },
    ]);
  });

  it("takes only HTTP (tcp 80) from each allowed CIDR with plainHttp", () => {
    expect(synth({ https: { plainHttp: true }, ingressCidrs: ["203.0.113.0/24"] }).all("aws_vpc_security_group_ingress_rule")).toEqual([
      { security_group_id: terraformRef("aws_security_group"), description: "HTTP from 203.0.113.0/24", ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "203.0.113.0/24" },
    ]);
  });

  it("puts the load balancer behind its security group, in the given subnets", () => {
    expect(synth().all("aws_lb")[0]).toMatchObject({ security_groups: [terraformRef("aws_security_group")], subnets: ["subnet-0aaa1111", "subnet-0bbb2222"] });
  });
});

describe("LoadBalancer.url", () => {
  function urlOf(https: LoadBalancerProps["https"]) {
    let url = "";
    Testing.synthScope((scope) => {
      url = new LoadBalancer(scope, "alb", { name: "shop-dev", vpcId: "vpc-0abc1234", subnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"], https, targetPort: 8080, healthCheck: { path: "/" } }).url;
    });
    return resolvedText(url);
  }

  it("is http://<the load balancer's DNS name> with plainHttp", () => {
    expect(urlOf({ plainHttp: true })).toMatch(/^http:\/\/\$\{aws_lb\.[\w-]+\.dns_name\}$/);
  });

  it("is https://<the load balancer's DNS name> with a certificate ARN", () => {
    expect(urlOf({ certificateArn: CERTIFICATE_ARN })).toMatch(/^https:\/\/\$\{aws_lb\.[\w-]+\.dns_name\}$/);
  });

  it("is https://<domain> with a domain", () => {
    expect(urlOf({ domain: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" })).toBe("https://shop.example.com");
  });
});
