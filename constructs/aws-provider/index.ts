import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";

export interface BerthAwsProviderProps {
  /** AWS region of every resource in the stack. */
  readonly region: string;
  /** Tags on every taggable resource (provider `default_tags`). @default {} */
  readonly defaultTags?: Readonly<Record<string, string>>;
}

/**
 * The AWS provider of a berth stack. Stacks get their provider through this construct so that the
 * provider bindings stay inside constructs/.
 */
export class BerthAwsProvider extends Construct {
  constructor(scope: Construct, id: string, props: BerthAwsProviderProps) {
    super(scope, id);
    const tags = props.defaultTags ?? {};
    new AwsProvider(this, "aws", {
      region: props.region,
      defaultTags: Object.keys(tags).length > 0 ? [{ tags: { ...tags } }] : undefined,
    });
  }
}
