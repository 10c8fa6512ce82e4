/**
 * berth's constructs as a library: `import { FargateService, LoadBalancer } from "berth/constructs"`
 * in a cdktf app of your own. Each reads only the deep-path provider bindings it needs
 * (`@cdktf/provider-aws/lib/<resource>`), which your app shares as a peer dependency. (Not
 * index.ts: a folder index named constructs/ would shadow the constructs package for resolvers
 * that read tsconfig's paths from the project's root.)
 */
export * from "./ec2-host";
export * from "./ecr-image";
export * from "./ecr-repository";
export * from "./efs-storage";
export * from "./fargate-service";
export * from "./load-balancer";
export * from "./network";
export { ValidationError } from "./errors";
