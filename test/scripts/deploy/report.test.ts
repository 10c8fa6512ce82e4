import { formatDeploy } from "../../../scripts/deploy/report";
import { resolved } from "../../helpers";

describe("formatDeploy", () => {
  it("lists the steps done, the URLs and the EC2 host's instance and shell command", () => {
    const config = resolved({ targets: ["ec2", "fargate"] });
    const text = formatDeploy(
      {
        account: "123456789012",
        steps: ["applied shop-dev-registry", "published web (reused)", "applied shop-dev-ec2, shop-dev-fargate"],
        images: [],
        outputs: { "shop-dev-ec2": { app_url: "http://203.0.113.7", instance_id: "i-0abc", ssm_session_command: "aws ssm start-session --target i-0abc --region eu-west-1" } },
        urls: { ec2: "http://203.0.113.7", fargate: "https://shop.example.com" },
      },
      config,
      false,
    );
    expect(text).toBe(
      [
        "berth deploy: shop (dev, eu-west-1), AWS account 123456789012",
        "  ✓ applied shop-dev-registry",
        "  ✓ published web (reused)",
        "  ✓ applied shop-dev-ec2, shop-dev-fargate",
        "  ec2 url: http://203.0.113.7",
        "  fargate url: https://shop.example.com",
        "  ec2 instance: i-0abc",
        "  ec2 shell: aws ssm start-session --target i-0abc --region eu-west-1",
      ].join("\n"),
    );
  });

  it("numbers the steps of a dry run and says nothing was changed", () => {
    const text = formatDeploy({ account: "123456789012", steps: ["synthesize", "apply"], images: [], outputs: {}, urls: {} }, resolved(), true);
    expect(text).toBe("berth deploy --dry-run: shop (dev, eu-west-1), AWS account 123456789012\n  1. synthesize\n  2. apply\nnothing was changed (dry run)");
  });
});
