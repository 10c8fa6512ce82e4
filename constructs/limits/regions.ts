import { closest, distance } from "fastest-levenshtein";

/**
 * The AWS Regions of the partitions berth's ARN patterns name: aws, aws-cn and aws-us-gov. Source:
 * the AWS SDK's partition data (@aws-sdk/core 3.981.2,
 * dist-es/submodules/client/util-endpoints/lib/aws/partitions.js, `regions` of each partition),
 * without the "*-global" pseudo-regions. The ISO and European Sovereign Cloud partitions are left
 * out: berth names no ARNs there. Keep current by re-reading that file after an SDK update.
 */
export const AWS_REGIONS: ReadonlySet<string> = new Set([
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "me-west-1",
  "mx-central-1",
  "sa-east-1",
  "sa-west-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "cn-north-1",
  "cn-northwest-1",
  "us-gov-east-1",
  "us-gov-west-1",
]);

export const REGION_ALLOWED = 'an AWS region like "eu-west-1"';

/** Why `value` is not an AWS region, with a did-you-mean for a near miss, or undefined. */
export function regionProblem(value: string): string | undefined {
  if (AWS_REGIONS.has(value)) return undefined;
  const lower = value.toLowerCase();
  const guess = closest(lower, [...AWS_REGIONS]);
  if (distance(lower, guess) <= 3) return `must be ${REGION_ALLOWED}; did you mean "${guess}"?`;
  return `must be ${REGION_ALLOWED}, one of: ${[...AWS_REGIONS].join(", ")}`;
}
