import { App, TerraformOutput, Testing } from "cdktf";
import type { BerthConfigInput } from "../stacks/spec/schema";
import { resolveConfig, type ResolvedConfig } from "../stacks/spec/resolve";
import { ConfigError, validateConfig } from "../stacks/spec/validate";
import type { ImageBuilds, PublishedImage } from "../stacks/images";

export const CERTIFICATE_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0b3c8a1e-1111-2222-3333-444455556666";

/** The smallest valid spec (a Fargate service with an ACM certificate); tests override what they exercise. */
export function minimalSpec(overrides: Record<string, unknown> = {}): BerthConfigInput {
  return {
    app: "shop",
    region: "eu-west-1",
    targets: ["fargate"],
    image: { context: "./app" },
    port: 8080,
    fargate: { https: { certificateArn: CERTIFICATE_ARN } },
    ...overrides,
  } as BerthConfigInput;
}

/** Validates and resolves a spec as the loader does (base dir: /work/app). */
export function resolved(overrides: Record<string, unknown> = {}): ResolvedConfig {
  return resolveConfig(validateConfig(minimalSpec(overrides), "test spec"), "/work/app");
}

/** The message of the error `fn` throws (fails the test when it throws nothing). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error, but none was thrown");
}

/** The problem lines a spec is refused with ([] when it is valid); any other error fails the test. */
export function problemsOf(spec: unknown): string[] {
  try {
    validateConfig(spec, "berth.config.ts");
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
}

/** A cdktf test app. */
export function testApp(): App {
  return Testing.app();
}

/** A content tag as `berth publish` writes it: "h-" and 24 lower case hex digits (docs/images.md). */
export const CONTENT_TAG = "h-0123456789abcdef01234567";

/** The app image "web" by its content tag, or pinned when `published` is given. */
export function webBuild(published?: PublishedImage): ImageBuilds {
  return new Map([["web", { contentTag: CONTENT_TAG, published }]]);
}

/**
 * Matches a Terraform reference `${<type>.<logical id>.<attribute>}`; `logicalId` is a regular
 * expression source (default: any logical id, for a type the stack has one resource of).
 */
export function terraformRef(type: string, attribute = "id", logicalId = "[\\w-]+") {
  return expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${logicalId}\\.${attribute}\\}$`));
}

/** The text a token (e.g. a construct's URL) resolves to in synthesized Terraform. */
export function resolvedText(token: string): string {
  return Testing.synthScope((scope) => void new TerraformOutput(scope, "value", { value: token })).match(/"value": "([^"]*)"/)![1]!;
}
