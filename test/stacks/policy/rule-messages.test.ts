import { RULES } from "../../../stacks/policy";
import type { Rule, TerraformJson } from "../../../stacks/policy/types";

/** The exact finding of each rule message that rules.test.ts does not pin, on a minimal synthesized-JSON fragment. */

/** A stack of one resource type with the given bodies, named r0, r1, … */
function stackOf(type: string, ...bodies: Record<string, unknown>[]): TerraformJson {
  return { resource: { [type]: Object.fromEntries(bodies.map((b, i) => [`r${i}`, b])) } };
}

function rule(id: string): Rule {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

describe("policy rule findings", () => {
  it("default-sg-closed says the default security group has rules", () => {
    const stack = { resource: { aws_vpc: { v: {} }, aws_default_security_group: { d: { ingress: [{ from_port: 0, to_port: 0, protocol: "-1", self: true }], egress: [] } } } };
    expect(rule("default-sg-closed").evaluate(stack)).toEqual([{ resource: "aws_default_security_group.d", message: "the default security group has rules" }]);
  });

  it("ecr-immutable-scanned says images are not scanned on push", () => {
    const repository = stackOf("aws_ecr_repository", { image_tag_mutability: "IMMUTABLE", image_scanning_configuration: { scan_on_push: false } });
    expect(rule("ecr-immutable-scanned").evaluate(repository)).toEqual([{ resource: "aws_ecr_repository.r0", message: "images are not scanned on push" }]);
  });

  it("storage-encrypted says an instance's root volume is not encrypted", () => {
    const instance = stackOf("aws_instance", { root_block_device: { encrypted: false } });
    expect(rule("storage-encrypted").evaluate(instance)).toEqual([{ resource: "aws_instance.r0", message: "root volume not encrypted: set root_block_device.encrypted = true" }]);
  });

  it("storage-encrypted says AES256 repository images are not encrypted with KMS", () => {
    const repository = stackOf("aws_ecr_repository", { encryption_configuration: [{ encryption_type: "AES256" }] });
    expect(rule("storage-encrypted").evaluate(repository)).toEqual([{ resource: "aws_ecr_repository.r0", message: "images not encrypted with KMS" }]);
  });
});
