import { FARGATE_TASK_SIZES, fargateSizeProblem } from "../../../constructs/limits/fargate";

describe("Fargate Linux task sizes", () => {
  it.each([
    [256, [512, 1024, 2048]],
    [512, [1024, 2048, 3072, 4096]],
  ])("cpu %d takes exactly %j MiB", (cpu, memories) => {
    expect(FARGATE_TASK_SIZES.get(cpu)).toEqual(memories);
  });

  it.each([
    [1024, 2048, 8192, 7],
    [2048, 4096, 16384, 13],
    [4096, 8192, 30720, 23],
    [8192, 16384, 61440, 12],
    [16384, 32768, 122880, 12],
  ])("cpu %d spans %d to %d MiB in %d sizes", (cpu, first, last, count) => {
    const memories = FARGATE_TASK_SIZES.get(cpu)!;
    expect([memories[0], memories.at(-1), memories.length]).toEqual([first, last, count]);
  });

  // ECS Developer Guide, "Task CPU and memory" (fargate-tasks-services.html#fargate-tasks-size):
  // each cpu's smallest and largest memory, and one step outside each end.
  it.each([
    [256, 512, 2048],
    [512, 1024, 4096],
    [1024, 2048, 8192],
    [2048, 4096, 16384],
    [4096, 8192, 30720],
    [8192, 16384, 61440],
    [16384, 32768, 122880],
  ])("accepts cpu %d with %d MiB and with %d MiB", (cpu, smallest, largest) => {
    expect([fargateSizeProblem(cpu, smallest), fargateSizeProblem(cpu, largest)]).toEqual([undefined, undefined]);
  });

  it.each([
    [256, 256, 3072],
    [512, 512, 5120],
    [1024, 1024, 9216],
    [2048, 3072, 17408],
    [4096, 7168, 31744],
    [8192, 12288, 65536],
    [16384, 24576, 131072],
  ])("refuses cpu %d with %d MiB and with %d MiB (one step outside)", (cpu, below, above) => {
    expect([fargateSizeProblem(cpu, below), fargateSizeProblem(cpu, above)]).toEqual([
      expect.stringMatching(new RegExp(`^memoryMiB ${below} does not fit cpu ${cpu}`)),
      expect.stringMatching(new RegExp(`^memoryMiB ${above} does not fit cpu ${cpu}`)),
    ]);
  });

  // ECS Developer Guide, "Task CPU and memory" (fargate-tasks-services.html#fargate-tasks-size):
  // 8 vCPU takes 16 GB to 60 GB in 4 GB increments.
  it("accepts 8192 CPU units with 20480 MiB (16 GiB + one 4 GiB step)", () => {
    expect(fargateSizeProblem(8192, 20480)).toBeUndefined();
  });

  it("rejects 8192 CPU units with 18432 MiB (between the 4 GiB steps)", () => {
    expect(fargateSizeProblem(8192, 18432)).toMatch(/^memoryMiB 18432 does not fit cpu 8192/);
  });

  // The messages name what Fargate takes (the same guide's table): the CPU values, and a cpu's memory
  // sizes, listed when they are few and as a range with its step when they are many.
  it("refuses 300 CPU units, listing the seven Fargate CPU values", () => {
    expect(fargateSizeProblem(300, 512)).toBe("cpu 300 is not a Fargate task size: use one of 256, 512, 1024, 2048, 4096, 8192, 16384 CPU units");
  });

  it("lists cpu 512's four memory sizes one by one", () => {
    expect(fargateSizeProblem(512, 5120)).toBe("memoryMiB 5120 does not fit cpu 512 on Fargate: with cpu 512 use one of 1024, 2048, 3072, 4096 MiB");
  });

  it("gives cpu 8192's twelve memory sizes as a range with its 4096 MiB step", () => {
    expect(fargateSizeProblem(8192, 18432)).toBe("memoryMiB 18432 does not fit cpu 8192 on Fargate: with cpu 8192 use one of 16384 to 61440 in steps of 4096 MiB");
  });
});
