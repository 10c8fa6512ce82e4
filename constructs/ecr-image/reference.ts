/** An image pinned by digest: `<repository URI>@<digest>`, the one form berth deploys a built image by. */
export function pinnedReference(image: { readonly repositoryUri: string; readonly digest: string }): string {
  return `${image.repositoryUri}@${image.digest}`;
}
