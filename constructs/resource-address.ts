import type { TerraformResource } from "cdktf";

/**
 * The bare address of a resource (`terraform_data.host_release_7508D900`), for
 * `lifecycle.replace_triggered_by`: Terraform accepts only addresses there, while cdktf renders a
 * resource given directly as an interpolation (`"${…}"`), which `terraform init` rejects
 * (hashicorp/terraform-cdk#3196).
 */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}
