import { rule, stackOf } from "./support/rules";

/** The exact finding of each rule message that rules.test.ts does not pin, on a minimal synthesized-JSON fragment. */


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
