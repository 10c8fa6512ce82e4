export { FargateService } from "./fargate-service";
export { ServiceNamespace, type ServiceNamespaceProps } from "./namespace";
export type { ContainerHealthCheck } from "../limits/health-check";
export type { AppContainerProps, EgressRuleProps, FargateServiceProps, ServiceCluster, ServiceLoadBalancer, ServiceVolumeProps, SidecarProps } from "./props";
