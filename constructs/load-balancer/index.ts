export { LoadBalancer } from "./load-balancer";
export type { HttpsMode, LoadBalancerProps, LoadBalancerTarget, TargetHealthCheck } from "./props";
