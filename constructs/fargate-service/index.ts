export { FargateService } from "./fargate-service";
export type { ContainerHealthCheck } from "./container-definitions";
export type { AppContainerProps, EgressRuleProps, FargateServiceProps, ServiceLoadBalancer, ServiceVolumeProps, SidecarProps } from "./props";
