import { Interrupted } from "../interrupt";
import type { ImageOutcome } from "./publish";
import { describeDone } from "./report";

/** Where an image's publish was: looking it up in ECR, building, pushing its content tag, or its commit tag. */
export type PublishStep = "lookup" | { readonly step: "build" | "push" | "commit-tag"; readonly reference: string };

export interface PublishState {
  /** The image manifest's path. */
  readonly manifest: string;
  /** Images published (or reused) and recorded before the stop. */
  readonly done: readonly ImageOutcome[];
  readonly current: { readonly image: string; readonly doing: PublishStep };
  readonly notStarted: readonly string[];
}

/** The stop, with what publish left: which images are recorded, what the stopped one had done, which were not started. */
export function interruptedPublish(error: Interrupted, state: PublishState): Interrupted {
  const lines = [`berth publish stopped by ${error.signal}; docker was stopped.`];
  if (state.done.length > 0) {
    lines.push(`Published and recorded in ${state.manifest}: ${describeDone(state.done)}.`);
  }
  lines.push(`${state.current.image}: ${currentState(state.current.doing)}`);
  if (state.notStarted.length > 0) lines.push(`Not started: ${state.notStarted.join(", ")}.`);
  lines.push("Run berth publish again: it records an image ECR already holds under its content tag and builds and pushes the rest.");
  return new Interrupted(error.signal, lines.join("\n"));
}

function currentState(doing: PublishStep): string {
  if (doing === "lookup") return "stopped before its build; nothing was built or pushed for it.";
  switch (doing.step) {
    case "build":
      return `its build of ${doing.reference} was stopped; nothing was pushed for it.`;
    case "push":
      return (
        `its push of ${doing.reference} was stopped and nothing was recorded. ECR may hold some of its layers, ` +
        "and holds the tag only if the push had finished before the stop."
      );
    case "commit-tag":
      return `published under its content tag and recorded; its commit tag (${doing.reference}) was not pushed.`;
  }
}
