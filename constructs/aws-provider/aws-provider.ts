import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { ValidationError, check } from "../errors";
import { regionProblem } from "../limits/regions";
import { patternProblem } from "../limits/rule";
import { TAG_KEY, TAG_VALUE_MAX } from "../limits/tags";

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
    check(this, "region", props.region, regionProblem(props.region));
    for (const [key, value] of Object.entries(tags)) {
      const keyProblem = patternProblem(TAG_KEY, key);
      if (keyProblem !== undefined) throw new ValidationError(this, `defaultTags: key ${JSON.stringify(key)} is not allowed: ${keyProblem}`);
      if (value.length > TAG_VALUE_MAX) throw new ValidationError(this, `defaultTags.${key} must be at most ${TAG_VALUE_MAX} characters, got ${value.length}`);
    }
    new AwsProvider(this, "aws", {
      region: props.region,
      defaultTags: Object.keys(tags).length > 0 ? [{ tags: { ...tags } }] : undefined,
    });
  }
}
