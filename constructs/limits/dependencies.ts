/**
 * A dependency cycle among services, as the names along it with the first repeated at the end, e.g.
 * [web, api, web]; undefined when there is none. `dependencies` maps each service to those it waits
 * for; a name that is not a key never lies on a cycle. Compose refuses a cycle: nothing could start first.
 */
export function dependencyCycle(dependencies: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  // Set aside, again and again, every service whose dependencies are all set aside (Kahn's
  // topological sort): each one left waits for another one left, so a walk among them closes a cycle.
  let left = [...dependencies.keys()];
  for (let before = -1; before !== left.length; ) {
    before = left.length;
    left = left.filter((name) => dependencies.get(name)!.some((other) => left.includes(other)));
  }
  if (left.length === 0) return undefined;
  const path = [left[0]!];
  for (;;) {
    const next = dependencies.get(path.at(-1)!)!.find((other) => left.includes(other))!;
    if (path.includes(next)) return [...path.slice(path.indexOf(next)), next];
    path.push(next);
  }
}
