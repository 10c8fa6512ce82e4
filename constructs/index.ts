/**
 * berth's constructs as a library: `import { FargateService, LoadBalancer } from "berth/constructs"`
 * in a cdktf app of your own. Each reads only the deep-path provider bindings it needs
 * (`@cdktf/provider-aws/lib/<resource>`), which your app shares as a peer dependency.
 */
export * from "./ec2-host";
export * from "./ecr-image";
export * from "./ecr-repository";
export * from "./efs-storage";
export * from "./fargate-service";
export * from "./load-balancer";
export * from "./network";
export { ValidationError } from "./errors";
