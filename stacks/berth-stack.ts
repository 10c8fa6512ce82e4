import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { BerthAwsProvider } from "../constructs/aws-provider";
import type { ResolvedConfig } from "./spec/resolve";

/**
 * Terraform versions the stacks need: terraform_data (EC2 host) came in 1.4; the S3 backend's
 * `use_lockfile` in 1.10 (Terraform S3 backend docs; v1.10 upgrade guide).
 */
export const REQUIRED_TERRAFORM = { localState: ">= 1.5", s3State: ">= 1.10" } as const;

/**
 * Base of every berth stack: the AWS provider with the app's tags, and the state backend
 * (local by default; S3 with native lockfile when the spec has `state`).
 */
export class BerthStack extends TerraformStack {
  constructor(scope: Construct, id: string, config: ResolvedConfig) {
    super(scope, id);
    new BerthAwsProvider(this, "aws", {
      region: config.region,
      defaultTags: { "berth:app": config.app, "berth:stage": config.stage, ...config.tags },
    });
    if (config.state) {
      this.addOverride("terraform.required_version", REQUIRED_TERRAFORM.s3State);
      const backend = new S3Backend(this, {
        bucket: config.state.bucket,
        key: `${config.state.keyPrefix}/${id}.tfstate`,
        region: config.state.region,
        encrypt: true,
      });
      // cdktf 0.21's S3BackendConfig predates `use_lockfile` (Terraform >= 1.10): set it raw.
      backend.addOverride("use_lockfile", true);
    } else {
      this.addOverride("terraform.required_version", REQUIRED_TERRAFORM.localState);
      // Relative to the folder Terraform runs in (<outdir>/stacks/<stack>): the state lands beside
      // the output folder, as cdktf's default does, without writing the checkout's absolute path
      // into the stack (synth must give the same bytes wherever it runs).
      new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    }
  }
}
