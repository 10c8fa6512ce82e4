export { Ec2Host } from "./ec2-host";
export { RELEASE_PARAMETERS_LIMIT_BYTES } from "../limits/spanning";
export { DEFAULT_COMPOSE_VERSION, DEFAULT_PROXY_IMAGE } from "./props";
export type { Ec2HostContainerHealthCheck, Ec2HostEgressRule, Ec2HostHealthCheck, Ec2HostHttps, Ec2HostImage, Ec2HostProps, Ec2HostService, Ec2HostVolume } from "./props";
export type { ServiceDependency } from "./compose";
