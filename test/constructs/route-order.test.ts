import { priorityClash, routePriority } from "../../constructs/route-order";

/**
 * The order routes are tried in, on the load balancer and the host's proxy alike. An ALB listener
 * rule's priority is 1-50000 (ELB API Reference, CreateRule) and the lowest is evaluated first (ELB
 * User Guide, listener-rules.html).
 */

const names = Array.from({ length: 200 }, (_, i) => `s${i}`);
const segments = (n: number) => Array.from({ length: n }, (_, i) => `/p${i}`).join("");

describe("routePriority", () => {
  it("keeps a host route 16 segments deep (the lowest band) at 1 or more, whatever the name", () => {
    expect(Math.min(...names.map((name) => routePriority({ name, host: "a.example.com", pathPrefix: segments(16) })))).toBeGreaterThanOrEqual(1);
  });

  it("keeps a one-segment path route (the highest band) at 50000 or less, whatever the name", () => {
    expect(Math.max(...names.map((name) => routePriority({ name, pathPrefix: "/p" })))).toBeLessThanOrEqual(50000);
  });

  it("numbers every host route below every path-only route", () => {
    const highestHost = Math.max(...names.map((name) => routePriority({ name, host: "a.example.com" })));
    const lowestPath = Math.min(...names.map((name) => routePriority({ name, pathPrefix: segments(16) })));
    expect(highestHost).toBeLessThan(lowestPath);
  });

  it("numbers every two-segment path route below every one-segment one", () => {
    const highestTwo = Math.max(...names.map((name) => routePriority({ name, pathPrefix: segments(2) })));
    const lowestOne = Math.min(...names.map((name) => routePriority({ name, pathPrefix: segments(1) })));
    expect(highestTwo).toBeLessThan(lowestOne);
  });

  it("gives paths of 8 segments and deeper one band: a 9-segment route is not numbered below every 8-segment one", () => {
    const highestNine = Math.max(...names.map((name) => routePriority({ name, pathPrefix: segments(9) })));
    const lowestEight = Math.min(...names.map((name) => routePriority({ name, pathPrefix: segments(8) })));
    expect(highestNine).toBeGreaterThan(lowestEight);
  });

  it("depends on the route's name, not on the path within its band", () => {
    expect(routePriority({ name: "api", pathPrefix: "/api" })).toBe(routePriority({ name: "api", pathPrefix: "/other" }));
  });

  it("uses a given priority as it is", () => {
    expect(routePriority({ name: "api", pathPrefix: "/api", priority: 12 })).toBe(12);
  });
});

describe("priorityClash", () => {
  it("finds none among routes of distinct priorities", () => {
    expect(priorityClash([{ name: "api", pathPrefix: "/api" }, { name: "admin", host: "admin.example.com" }])).toBeUndefined();
  });

  it("names the later route by name, the earlier one and the priority they share", () => {
    expect(priorityClash([{ name: "b", pathPrefix: "/b", priority: 5 }, { name: "a", pathPrefix: "/a", priority: 5 }])).toEqual({ route: "b", other: "a", priority: 5 });
  });
});
