import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { TerraformOutput, Testing } from "cdktf";
import { Construct } from "constructs";
import { LoadBalancer, type LoadBalancerProps, type LoadBalancerRouteProps } from "../../constructs/load-balancer";
import { CERTIFICATE_ARN, errorOf, terraformRef } from "../helpers";

/** LoadBalancerProps.routes: listener rules, a target group per route, stable priorities, a certificate for every host. */

type Resource = Record<string, unknown>;

const DOMAIN = { domain: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" };
const API: LoadBalancerRouteProps = { name: "api", pathPrefix: "/api", targetPort: 9000, healthCheck: { path: "/api/health" } };
const ADMIN: LoadBalancerRouteProps = { name: "admin", host: "admin.example.com", targetPort: 9001, healthCheck: { path: "/" } };
const DOCS: LoadBalancerRouteProps = { name: "docs", host: "admin.example.com", pathPrefix: "/docs", targetPort: 9002, healthCheck: { path: "/docs/health" } };

function props(overrides: Partial<LoadBalancerProps>): LoadBalancerProps {
  return {
    name: "shop-dev",
    vpcId: "vpc-0abc1234",
    subnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"],
    https: { certificateArn: CERTIFICATE_ARN },
    targetPort: 8080,
    healthCheck: { path: "/health" },
    ...overrides,
  };
}

function synth(overrides: Partial<LoadBalancerProps> = {}) {
  const json = Testing.synthScope((scope) => {
    new LoadBalancer(scope, "alb", props(overrides));
  });
  const resources = JSON.parse(json).resource as Record<string, Record<string, Resource>>;
  const entries = (type: string) => Object.entries(resources[type] ?? {});
  const all = (type: string) => entries(type).map(([, r]) => r);
  /** The resource of `type` whose logical id starts with `prefix` and a construct-id suffix (exactly one). */
  const byId = (type: string, prefix: string) => {
    const found = entries(type).filter(([id]) => new RegExp(`^${prefix}_[0-9A-F]+$`).test(id));
    if (found.length !== 1) throw new Error(`expected one ${type} ${prefix}, found ${found.length}`);
    return found[0]![1];
  };
  const rule = (route: string) => byId("aws_lb_listener_rule", `alb_route-${route}_rule`);
  const group = (route: string) => byId("aws_lb_target_group", `alb_route-${route}_targets`);
  return { json, all, byId, rule, group };
}

/** The priority of the rule of `route` when the load balancer has `routes`. */
const priorityOf = (routes: readonly LoadBalancerRouteProps[], route: string) => synth({ routes }).rule(route).priority as number;

/** The message of the error a load balancer with `overrides` is refused with. */
const failure = (overrides: Partial<LoadBalancerProps>) => errorOf(() => synth(overrides));

/** `count` path routes r0, r1, ... on /r0, /r1, ..., each with its own explicit priority (derived ones of so many routes would clash). */
const manyRoutes = (count: number): LoadBalancerRouteProps[] =>
  Array.from({ length: count }, (_, i) => ({ name: `r${i}`, pathPrefix: `/r${i}`, targetPort: 9000, healthCheck: { path: "/" }, priority: i + 1 }));

describe("LoadBalancer routes: listener rules", () => {
  it("makes one listener rule for one route", () => {
    expect(synth({ routes: [API] }).all("aws_lb_listener_rule")).toHaveLength(1);
  });

  it("makes no listener rule without routes", () => {
    expect(synth().all("aws_lb_listener_rule")).toHaveLength(0);
  });

  it("puts every rule on the HTTPS listener, none on the HTTP listener that only redirects to HTTPS", () => {
    const https = terraformRef("aws_lb_listener", "arn", "alb_https_[0-9A-F]+");
    expect(synth({ routes: [API, ADMIN] }).all("aws_lb_listener_rule").map((r) => r.listener_arn)).toEqual([https, https]);
  });

  it("with plainHttp puts the rule on the HTTP listener", () => {
    expect(synth({ https: { plainHttp: true }, routes: [API] }).rule("api").listener_arn).toEqual(terraformRef("aws_lb_listener", "arn", "alb_http_[0-9A-F]+"));
  });

  it("matches a path route's prefix and every path under it: path_pattern /api and /api/*", () => {
    expect(synth({ routes: [API] }).rule("api").condition).toEqual([{ path_pattern: { values: ["/api", "/api/*"] } }]);
  });

  it("matches a host route by host_header admin.example.com alone", () => {
    expect(synth({ routes: [ADMIN] }).rule("admin").condition).toEqual([{ host_header: { values: ["admin.example.com"] } }]);
  });

  it("matches a host and path route by both its host_header and its path_pattern", () => {
    expect(synth({ routes: [DOCS] }).rule("docs").condition).toEqual([{ host_header: { values: ["admin.example.com"] } }, { path_pattern: { values: ["/docs", "/docs/*"] } }]);
  });

  it("forwards a route's requests to its own target group", () => {
    expect(synth({ routes: [API] }).rule("api").action).toEqual([{ type: "forward", target_group_arn: terraformRef("aws_lb_target_group", "arn", "alb_route-api_targets_[0-9A-F]+") }]);
  });

  it("tags each rule with a readable Name: <name>-<route>", () => {
    expect(synth({ routes: [API] }).rule("api").tags).toEqual({ Name: "shop-dev-api" });
  });

  it("keeps the listeners' default action on the default target group", () => {
    const https = synth({ routes: [API] }).byId("aws_lb_listener", "alb_https");
    expect(https.default_action).toEqual([{ type: "forward", target_group_arn: terraformRef("aws_lb_target_group", "arn", "alb_targets_[0-9A-F]+") }]);
  });
});

describe("LoadBalancer routes: each route's target group", () => {
  it("makes a target group per route beside the default one", () => {
    expect(synth({ routes: [API, ADMIN] }).all("aws_lb_target_group")).toHaveLength(3);
  });

  it("listens on the route's own port", () => {
    expect(synth({ routes: [API] }).group("api").port).toBe(9000);
  });

  it("probes with the route's own health check settings", () => {
    const route = { ...API, healthCheck: { path: "/ready", healthyHttpCodes: "200", intervalSeconds: 30, timeoutSeconds: 6, healthyThreshold: 4, unhealthyThreshold: 5 } };
    expect(synth({ routes: [route] }).group("api").health_check).toEqual({
      enabled: true,
      path: "/ready",
      protocol: "HTTP",
      port: "traffic-port",
      matcher: "200",
      interval: 30,
      timeout: 6,
      healthy_threshold: 4,
      unhealthy_threshold: 5,
    });
  });

  it("defaults a route's health check to 200-399, every 10 s, 5 s timeout, healthy after 2, unhealthy after 3", () => {
    expect(synth({ routes: [API] }).group("api").health_check).toEqual({
      enabled: true,
      path: "/api/health",
      protocol: "HTTP",
      port: "traffic-port",
      matcher: "200-399",
      interval: 10,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
  });

  it("targets ip addresses over HTTP in the load balancer's VPC", () => {
    const group = synth({ routes: [API] }).group("api");
    expect([group.target_type, group.protocol, group.vpc_id]).toEqual(["ip", "HTTP", "vpc-0abc1234"]);
  });

  it("takes the default group's name_prefix (shop-) and no fixed name", () => {
    const group = synth({ routes: [API] }).group("api");
    expect([group.name_prefix, group.name]).toEqual(["shop-", undefined]);
  });

  it("is tagged Name <name>-<route>-<port>", () => {
    expect(synth({ routes: [API] }).group("api").tags).toEqual({ Name: "shop-dev-api-9000" });
  });

  it("is replaced before the old one is destroyed", () => {
    expect(synth({ routes: [API] }).group("api").lifecycle).toEqual({ create_before_destroy: true });
  });

  it("drains for the load balancer's deregistration delay", () => {
    expect(synth({ deregistrationDelaySeconds: 45, routes: [API] }).group("api").deregistration_delay).toBe("45");
  });
});

// The ALB evaluates a listener's rules by priority, lowest first (ELB User Guide, listener-rules.html);
// a priority is 1-50000 and unique on the listener (ELB API Reference, CreateRule).
describe("LoadBalancer routes: rule priorities", () => {
  it("gives a host route a lower priority than a path-only route", () => {
    const routes = [API, ADMIN];
    expect(priorityOf(routes, "admin")).toBeLessThan(priorityOf(routes, "api"));
  });

  it("gives a deeper path (/api/v2) a lower priority than a shallower one (/api)", () => {
    const routes = [API, { ...API, name: "v2", pathPrefix: "/api/v2" }];
    expect(priorityOf(routes, "v2")).toBeLessThan(priorityOf(routes, "api"));
  });

  it("gives a host and path route a lower priority than a route of the same host alone", () => {
    const routes = [ADMIN, DOCS];
    expect(priorityOf(routes, "docs")).toBeLessThan(priorityOf(routes, "admin"));
  });

  it("keeps a route's priority when other routes are added", () => {
    const more = [{ ...API, name: "cart", pathPrefix: "/cart" }, { ...API, name: "shop", pathPrefix: "/shop" }, ADMIN];
    expect(priorityOf([API, ...more], "api")).toBe(priorityOf([API], "api"));
  });

  it("keeps a route's priority when another route is removed", () => {
    const cart = { ...API, name: "cart", pathPrefix: "/cart" };
    expect(priorityOf([cart], "cart")).toBe(priorityOf([API, cart], "cart"));
  });

  it("keeps a route's priority when the routes are listed in another order", () => {
    const cart = { ...API, name: "cart", pathPrefix: "/cart" };
    expect(priorityOf([cart, API], "api")).toBe(priorityOf([API, cart], "api"));
  });

  it("uses an explicit priority as given", () => {
    expect(priorityOf([{ ...API, priority: 7 }], "api")).toBe(7);
  });

  it("refuses an explicit priority that another route's derived priority takes, naming both", () => {
    const derived = priorityOf([API], "api");
    expect(failure({ routes: [API, { ...ADMIN, priority: derived }] })).toBe(
      `stack/alb: route "api" would take rule priority ${derived}, as route "admin" does (a priority not given is numbered from the route's host or path depth and a hash of its name): give one of them a priority from 1 to 50000 that no other route takes`,
    );
  });

  it("refuses two routes whose names give one derived priority (svc75 and svc77 on one-segment paths), asking for an explicit one", () => {
    const route = (name: string): LoadBalancerRouteProps => ({ name, pathPrefix: `/${name}`, targetPort: 9000, healthCheck: { path: "/" } });
    expect(failure({ routes: [route("svc75"), route("svc77")] })).toBe(
      'stack/alb: route "svc77" would take rule priority 48710, as route "svc75" does (a priority not given is numbered from the route\'s host or path depth and a hash of its name): give one of them a priority from 1 to 50000 that no other route takes',
    );
  });

  it("accepts those two routes once one of them has an explicit priority", () => {
    const route = (name: string): LoadBalancerRouteProps => ({ name, pathPrefix: `/${name}`, targetPort: 9000, healthCheck: { path: "/" } });
    expect(priorityOf([route("svc75"), { ...route("svc77"), priority: 30000 }], "svc77")).toBe(30000);
  });
});

describe("LoadBalancer.routeTo", () => {
  /** What routeTo(name) returns, its target group ARN resolved through an output. */
  function endpoint(name: string) {
    let targetPort = 0;
    const json = Testing.synthScope((scope) => {
      const route = new LoadBalancer(scope, "alb", props({ routes: [API, ADMIN] })).routeTo(name);
      targetPort = route.targetPort;
      new TerraformOutput(scope, "arn", { value: route.targetGroupArn });
      new TerraformOutput(scope, "label", { value: route.requestCountResourceLabel });
    });
    const output = (JSON.parse(json) as { output: { arn: { value: string }; label: { value: string } } }).output;
    return { targetGroupArn: output.arn.value, requestCountResourceLabel: output.label.value, targetPort };
  }

  it("gives the route's own target group", () => {
    expect(endpoint("admin").targetGroupArn).toEqual(terraformRef("aws_lb_target_group", "arn", "alb_route-admin_targets_[0-9A-F]+"));
  });

  it("gives the route's ALBRequestCountPerTarget label: the load balancer's ARN suffix / the route's target group's", () => {
    expect(endpoint("admin").requestCountResourceLabel).toMatch(/^\$\{aws_lb\.alb_[0-9A-F]+\.arn_suffix\}\/\$\{aws_lb_target_group\.alb_route-admin_targets_[0-9A-F]+\.arn_suffix\}$/);
  });

  it("gives the route's port", () => {
    expect(endpoint("admin").targetPort).toBe(9001);
  });

  it("lets the load balancer reach a route's target on its port only: ingress on the target's group from the load balancer's, egress back", () => {
    const json = Testing.synthScope((scope) => {
      const route = new LoadBalancer(scope, "alb", props({ routes: [API, ADMIN] })).routeTo("admin");
      const target = new Construct(scope, "admin");
      const sg = new SecurityGroup(target, "sg", { name: "admin", vpcId: "vpc-0abc1234" });
      route.allowTo({ scope: target, securityGroupId: sg.id, label: "the admin tasks" }, 9001);
    });
    const resources = JSON.parse(json).resource as Record<string, Record<string, Record<string, unknown>>>;
    const rules = (type: string) => Object.entries(resources[type] ?? {}).filter(([id]) => id.startsWith("admin_")).map(([, r]) => [r.security_group_id, r.referenced_security_group_id, r.from_port, r.to_port]);
    expect([rules("aws_vpc_security_group_ingress_rule"), rules("aws_vpc_security_group_egress_rule")]).toEqual([
      [[expect.stringContaining("admin_sg"), expect.stringContaining("alb_sg"), 9001, 9001]],
      [[expect.stringContaining("alb_sg"), expect.stringContaining("admin_sg"), 9001, 9001]],
    ]);
  });

  it("fails for a route the load balancer does not have, naming the routes it has", () => {
    expect(errorOf(() => endpoint("missing"))).toBe('stack/alb: has no route named "missing" (its routes: api, admin): add it to routes');
  });

  it("fails on a load balancer without routes, saying it has none", () => {
    const message = errorOf(() => Testing.synthScope((scope) => void new LoadBalancer(scope, "alb", props({})).routeTo("api")));
    expect(message).toBe('stack/alb: has no route named "api" (its routes: none): add it to routes');
  });
});

describe("LoadBalancer routes: the certificate of a domain", () => {
  const validationRecords = (all: (type: string) => Resource[]) => all("aws_route53_record").filter((r) => r.ttl === 60);

  it("adds a host route's host as a subject alternative name", () => {
    expect(synth({ https: DOMAIN, routes: [ADMIN] }).all("aws_acm_certificate")[0]!.subject_alternative_names).toEqual(["admin.example.com"]);
  });

  it("adds a host shared by two routes once", () => {
    expect(synth({ https: DOMAIN, routes: [ADMIN, DOCS] }).all("aws_acm_certificate")[0]!.subject_alternative_names).toEqual(["admin.example.com"]);
  });

  it("writes one validation record per name: two for the domain and one route host", () => {
    expect(validationRecords(synth({ https: DOMAIN, routes: [ADMIN] }).all)).toHaveLength(2);
  });

  it("takes the second validation record's name, type and value from the certificate's second validation option", () => {
    const record = synth({ https: DOMAIN, routes: [ADMIN] }).byId("aws_route53_record", "alb_certificate-validation-1");
    const option = (attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{tolist\\(aws_acm_certificate\\.[\\w-]+\\.domain_validation_options\\)\\.1\\.${attribute}\\}$`));
    expect(record).toEqual({
      zone_id: "Z0123456789ABCDEFGHIJ",
      name: option("resource_record_name"),
      type: option("resource_record_type"),
      records: [option("resource_record_value")],
      ttl: 60,
      allow_overwrite: true,
    });
  });

  it("waits for both validation records before the listener uses the certificate", () => {
    const validation = synth({ https: DOMAIN, routes: [ADMIN] }).all("aws_acm_certificate_validation")[0]!;
    expect(validation.validation_record_fqdns).toEqual([terraformRef("aws_route53_record", "fqdn", "alb_certificate-validation_[0-9A-F]+"), terraformRef("aws_route53_record", "fqdn", "alb_certificate-validation-1_[0-9A-F]+")]);
  });

  it("points an alias A record for the route's host at the load balancer", () => {
    const records = synth({ https: DOMAIN, routes: [ADMIN] }).all("aws_route53_record").filter((r) => r.name === "admin.example.com");
    expect(records).toEqual([
      {
        zone_id: "Z0123456789ABCDEFGHIJ",
        name: "admin.example.com",
        type: "A",
        alias: { name: terraformRef("aws_lb", "dns_name"), zone_id: terraformRef("aws_lb", "zone_id"), evaluate_target_health: true },
      },
    ]);
  });

  it("adds no subject alternative names without host routes (no subject_alternative_names key)", () => {
    expect(synth({ https: DOMAIN, routes: [API] }).all("aws_acm_certificate")[0]).not.toHaveProperty("subject_alternative_names");
  });

  it("writes one validation record without host routes", () => {
    expect(validationRecords(synth({ https: DOMAIN, routes: [API] }).all)).toHaveLength(1);
  });

  it("adds no subject alternative name for a route whose host is the domain", () => {
    expect(synth({ https: DOMAIN, routes: [{ ...ADMIN, host: "shop.example.com" }] }).all("aws_acm_certificate")[0]).not.toHaveProperty("subject_alternative_names");
  });

  it("writes one alias record for a route whose host is the domain: the domain's own", () => {
    const records = synth({ https: DOMAIN, routes: [{ ...ADMIN, host: "shop.example.com" }] }).all("aws_route53_record").filter((r) => r.type === "A");
    expect(records.map((r) => r.name)).toEqual(["shop.example.com"]);
  });

  it("creates no certificate with a certificateArn, whatever the routes' hosts", () => {
    const { all } = synth({ https: { certificateArn: CERTIFICATE_ARN }, routes: [ADMIN] });
    expect([all("aws_acm_certificate"), all("aws_acm_certificate_validation"), all("aws_route53_record")]).toEqual([[], [], []]);
  });
});

describe("LoadBalancer routes fail", () => {
  it("when two routes have one name", () => {
    expect(failure({ routes: [API, { ...ADMIN, name: "api" }] })).toBe('stack/alb: routes[1].name "api" is the name of an earlier route too: each route needs a name of its own');
  });

  it("when a route has neither pathPrefix nor host", () => {
    expect(failure({ routes: [{ name: "api", targetPort: 9000, healthCheck: { path: "/" } }] })).toBe(
      'stack/alb: routes[0] ("api") has neither pathPrefix nor host: a route matches some requests; the default target group takes the rest',
    );
  });

  it('when a pathPrefix does not start with "/" ("api")', () => {
    expect(failure({ routes: [{ ...API, pathPrefix: "api" }] })).toBe(
      'stack/alb: routes[0].pathPrefix must be a path prefix like "/api": "/" and 1-16 segments of letters, digits, ".", "_", "~" or "-", no trailing "/", at most 126 characters, got "api"',
    );
  });

  it('when a host is not lower case ("API.example.com")', () => {
    expect(failure({ routes: [{ ...ADMIN, host: "API.example.com" }] })).toBe('stack/alb: routes[0].host must be a lower case host name like "api.example.com", at most 128 characters, got "API.example.com"');
  });

  it("when two routes match the same requests", () => {
    expect(failure({ routes: [API, { ...API, name: "api2", targetPort: 9100 }] })).toBe(
      'stack/alb: routes[1] ("api2") matches /api, as route "api" does: the later one would never be reached; give it another path or host',
    );
  });

  it("when two routes match the same host and path", () => {
    expect(failure({ routes: [DOCS, { ...DOCS, name: "docs2" }] })).toBe(
      'stack/alb: routes[1] ("docs2") matches admin.example.com/docs, as route "docs" does: the later one would never be reached; give it another path or host',
    );
  });

  // ELB API Reference, CreateRule: Priority is 1-50000.
  it("when an explicit priority is 0", () => {
    expect(failure({ routes: [{ ...API, priority: 0 }] })).toBe("stack/alb: routes[0].priority must be a whole number from 1 to 50000, got 0");
  });

  it("accepts an explicit priority of 1", () => {
    expect(priorityOf([{ ...API, priority: 1 }], "api")).toBe(1);
  });

  it("accepts an explicit priority of 50000", () => {
    expect(priorityOf([{ ...API, priority: 50000 }], "api")).toBe(50000);
  });

  it("when an explicit priority is 50001", () => {
    expect(failure({ routes: [{ ...API, priority: 50001 }] })).toBe("stack/alb: routes[0].priority must be a whole number from 1 to 50000, got 50001");
  });

  // ELB API Reference, CreateRule: a priority is unique on its listener (PriorityInUse).
  it("when two routes have one explicit priority", () => {
    expect(failure({ routes: [{ ...API, priority: 7 }, { ...ADMIN, priority: 7 }] })).toBe(
      'stack/alb: routes[1].priority 7 is route "api"\'s too: priorities are unique on a listener (ELB API Reference, CreateRule); choose another',
    );
  });

  // ELB User Guide, load-balancer-limits.html: 100 rules per Application Load Balancer by default.
  it("accepts exactly 100 routes", () => {
    expect(synth({ routes: manyRoutes(100) }).all("aws_lb_listener_rule")).toHaveLength(100);
  });

  it("when there are 101 routes", () => {
    expect(failure({ routes: manyRoutes(101) })).toBe(
      "stack/alb: routes holds 101 routes, more than the 100 rules an Application Load Balancer takes by default (ELB User Guide, load-balancer-limits.html): route by fewer paths or hosts, or split the app",
    );
  });

  // ELB User Guide, target-group-health-checks.html: the timeout must be shorter than the interval.
  it("when a route's health check timeout is not less than its interval", () => {
    expect(failure({ routes: [{ ...API, healthCheck: { path: "/", intervalSeconds: 10, timeoutSeconds: 10 } }] })).toBe(
      "stack/alb: routes[0].healthCheck.timeoutSeconds (10) must be less than intervalSeconds (10)",
    );
  });

  it("accepts a route's health check timeout one second less than its interval", () => {
    expect(synth({ routes: [{ ...API, healthCheck: { path: "/", intervalSeconds: 10, timeoutSeconds: 9 } }] }).group("api").health_check).toMatchObject({ interval: 10, timeout: 9 });
  });

  it("when a route's health check path does not start with /", () => {
    expect(failure({ routes: [{ ...API, healthCheck: { path: "health" } }] })).toBe(
      'stack/alb: routes[0].healthCheck.path must be an HTTP path starting with "/" (printable ASCII, no spaces, at most 1024 characters), got "health"',
    );
  });

  // ELB API Reference, CreateTargetGroup: Port is 1-65535.
  it("when a route's targetPort is 0", () => {
    expect(failure({ routes: [{ ...API, targetPort: 0 }] })).toBe("stack/alb: routes[0].targetPort must be a whole number from 1 to 65535, got 0");
  });

  it("accepts a route's targetPort of 1", () => {
    expect(synth({ routes: [{ ...API, targetPort: 1 }] }).group("api").port).toBe(1);
  });

  it("accepts a route's targetPort of 65535", () => {
    expect(synth({ routes: [{ ...API, targetPort: 65535 }] }).group("api").port).toBe(65535);
  });

  it("when a route's targetPort is 65536", () => {
    expect(failure({ routes: [{ ...API, targetPort: 65536 }] })).toBe("stack/alb: routes[0].targetPort must be a whole number from 1 to 65535, got 65536");
  });
});
