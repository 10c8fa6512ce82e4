export { FargateService } from "./fargate-service";
export type { ContainerHealthCheck } from "../limits/health-check";
export type { AppContainerProps, EgressRuleProps, FargateServiceProps, ServiceLoadBalancer, ServiceVolumeProps, SidecarProps } from "./props";
