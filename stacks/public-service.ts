import type { ResolvedConfig, ResolvedService } from "./spec/resolve";

/** The public service (the one whose fields the top level repeats) and the app's other services, in the order written. */
export function publicAndOthers(config: ResolvedConfig): { readonly publicService: ResolvedService; readonly otherServices: readonly ResolvedService[] } {
  const publicService = config.services.find((s) => s.name === config.image.name)!;
  return { publicService, otherServices: config.services.filter((s) => s.name !== publicService.name) };
}
