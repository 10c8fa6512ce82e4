export { LoadBalancer, type LoadBalancerEndpoint } from "./load-balancer";
export type { HttpsMode, LoadBalancerProps, LoadBalancerRouteProps, LoadBalancerTarget, TargetHealthCheck } from "./props";
