import { S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { BerthAwsProvider } from "../constructs/aws-provider";
import type { ResolvedConfig } from "./config/presets";

/**
 * Base of every berth stack: the AWS provider with the app's tags, and the state backend
 * (local by default; S3 with native lockfile when the spec has `state`).
 */
export class BerthStack extends TerraformStack {
  constructor(scope: Construct, id: string, config: ResolvedConfig) {
    super(scope, id);
    // terraform_data (ec2 host) needs 1.4; Terraform itself enforces this at init/plan.
    this.addOverride("terraform.required_version", ">= 1.5");
    new BerthAwsProvider(this, "aws", {
      region: config.region,
      defaultTags: { "berth:app": config.app, "berth:stage": config.stage, ...config.tags },
    });
    if (config.state) {
      const backend = new S3Backend(this, {
        bucket: config.state.bucket,
        key: `${config.state.keyPrefix}/${id}.tfstate`,
        region: config.state.region,
        encrypt: true,
      });
      // cdktf 0.21's S3BackendConfig predates `use_lockfile` (Terraform >= 1.10): set it raw.
      backend.addOverride("use_lockfile", true);
    }
  }
}
