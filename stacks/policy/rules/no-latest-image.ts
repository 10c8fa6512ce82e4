import type { Rule } from "../types";
import { containersOf } from "./container-definitions";

/** Why an image reference is not pinned, or undefined. A reference computed whole (`${…}`) is skipped. */
function unpinned(image: string): string | undefined {
  if (/^\$\{[^}]*\}$/.test(image)) return undefined;
  const last = image.slice(image.lastIndexOf("/") + 1);
  // A digest (repo@sha256:…, or berth's repo@${…image_digest}) pins the image whatever the tag.
  if (last.includes("@")) return undefined;
  const colon = last.lastIndexOf(":");
  if (colon < 0) return "has no tag, so it means :latest";
  return last.slice(colon + 1) === "latest" ? "uses the :latest tag" : undefined;
}

export const noLatestImage: Rule = {
  id: "no-latest-image",
  severity: "warning",
  checkov: [],
  securityHub: [],
  title: "Task definitions name images by a fixed tag or digest, never :latest or untagged",
  why: ":latest moves: each task start may run different code, and a rollback cannot return to what ran before.",
  fix: "Use a version tag (nginx:1.27) or a digest (repo@sha256:...); berth pins its own built images by content tag or digest.",
  evaluate: (stack) =>
    containersOf(stack).flatMap(({ resource, container }) => {
      const why = typeof container.image === "string" ? unpinned(container.image) : undefined;
      return why === undefined ? [] : [{ resource, message: `container ${String(container.name)} image ${container.image as string} ${why}` }];
    }),
};
