import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GITIGNORE_LINES, formatInit, init } from "../../../scripts/init/init";
import { loadConfig } from "../../../scripts/synth/load-config";
import { errorOf } from "../../helpers";
import { tempDir } from "../run";

/** `berth init` in an empty project folder (or one holding what the test writes first). */
function project(files: Record<string, string> = {}): string {
  const dir = join(tempDir(), "my-project");
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
const NO_ENV = {};

describe("berth init", () => {
  it("writes a berth.config.ts that berth loads as a valid spec of the given app, region and target", () => {
    const dir = project();
    init(dir, { app: "shop", region: "us-east-2", target: "fargate" }, NO_ENV);
    const config = loadConfig(join(dir, "berth.config.ts"));
    expect([config.app, config.region, config.targets, config.port, config.fargate.https.kind]).toEqual(["shop", "us-east-2", ["fargate"], 8080, "plainHttp"]);
  });

  it("targets both with --target both", () => {
    const dir = project();
    init(dir, { app: "shop", target: "both" }, NO_ENV);
    expect(loadConfig(join(dir, "berth.config.ts")).targets).toEqual(["ec2", "fargate"]);
  });

  it("writes no fargate block for --target ec2", () => {
    const dir = project();
    init(dir, { app: "shop", target: "ec2" }, NO_ENV);
    expect(readFileSync(join(dir, "berth.config.ts"), "utf8")).not.toContain("fargate:");
  });

  it("defaults the target to fargate", () => {
    expect(init(project(), { app: "shop" }, NO_ENV).target).toBe("fargate");
  });

  it("defaults the app to package.json's name made an app name (@acme/Shop_Front -> shop-front)", () => {
    expect(init(project({ "package.json": '{"name":"@acme/Shop_Front"}' }), {}, NO_ENV).app).toBe("shop-front");
  });

  it("defaults the app to the folder's name without a package.json (my-project)", () => {
    expect(init(project(), {}, NO_ENV).app).toBe("my-project");
  });

  it('falls back to "app" when neither name has two usable characters', () => {
    expect(init(project({ "package.json": '{"name":"1"}' }), {}, NO_ENV).app).toBe("app");
  });

  it("defaults the region to AWS_REGION", () => {
    expect(init(project(), { app: "shop" }, { AWS_REGION: "ap-southeast-2", AWS_DEFAULT_REGION: "us-west-1" }).region).toBe("ap-southeast-2");
  });

  it("defaults the region to AWS_DEFAULT_REGION without AWS_REGION", () => {
    expect(init(project(), { app: "shop" }, { AWS_DEFAULT_REGION: "us-west-1" }).region).toBe("us-west-1");
  });

  it("defaults the region to eu-west-1 without either variable", () => {
    expect(init(project(), { app: "shop" }, NO_ENV).region).toBe("eu-west-1");
  });

  it("writes a cdktf.json whose app runs berth synth", () => {
    const dir = project();
    init(dir, { app: "shop" }, NO_ENV);
    expect(JSON.parse(readFileSync(join(dir, "cdktf.json"), "utf8"))).toMatchObject({ language: "typescript", app: "npx berth synth", output: "cdktf.out" });
  });

  it("keeps an existing cdktf.json as it is", () => {
    const dir = project({ "cdktf.json": '{"app":"node mine.js"}\n' });
    const result = init(dir, { app: "shop" }, NO_ENV);
    expect([readFileSync(join(dir, "cdktf.json"), "utf8"), result.written, result.kept]).toEqual(['{"app":"node mine.js"}\n', ["berth.config.ts", ".dockerignore"], ["cdktf.json"]]);
  });

  it("writes a .dockerignore leaving node_modules and berth's own files out of the build context when there is none", () => {
    const dir = project();
    init(dir, { app: "shop" }, NO_ENV);
    expect(readFileSync(join(dir, ".dockerignore"), "utf8")).toBe("node_modules\n.git\ncdktf.out\n.berth\n.terraform\n*.tfstate*\nsecrets.local.env\n");
  });

  it("keeps an existing .dockerignore as it is", () => {
    const dir = project({ ".dockerignore": "dist\n" });
    const result = init(dir, { app: "shop" }, NO_ENV);
    expect([readFileSync(join(dir, ".dockerignore"), "utf8"), result.kept]).toEqual(["dist\n", [".dockerignore"]]);
  });

  it("writes a .gitignore of berth's lines when there is none", () => {
    const dir = project();
    init(dir, { app: "shop" }, NO_ENV);
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe("# berth\ncdktf.out/\n.berth/\n*.tfstate\n*.tfstate.*\n.terraform/\nsecrets.local.env\n");
  });

  it("adds only the lines an existing .gitignore lacks, after its own", () => {
    const dir = project({ ".gitignore": "node_modules/\n.berth/" });
    const result = init(dir, { app: "shop" }, NO_ENV);
    expect([readFileSync(join(dir, ".gitignore"), "utf8"), result.ignored]).toEqual([
      "node_modules/\n.berth/\n# berth\ncdktf.out/\n*.tfstate\n*.tfstate.*\n.terraform/\nsecrets.local.env\n",
      GITIGNORE_LINES.filter((line) => line !== ".berth/"),
    ]);
  });

  it("refuses to replace an existing berth.config.ts, changing nothing", () => {
    const dir = project({ "berth.config.ts": "// mine\n" });
    expect([errorOf(() => init(dir, { app: "shop" }, NO_ENV)), readFileSync(join(dir, "berth.config.ts"), "utf8")]).toEqual([
      `berth init: ${join(dir, "berth.config.ts")} exists already; berth init writes a new project's spec and changes no existing one.\nEdit that file, or remove it and run berth init again.`,
      "// mine\n",
    ]);
  });

  it("refuses an app name the spec refuses, saying what to give, and writes nothing", () => {
    const dir = project();
    const message = errorOf(() => init(dir, { app: "Shop" }, NO_ENV));
    expect([message.split("\n").at(-1), message.includes('app: must be 2-20 lower case letters, digits and single hyphens, starting with a letter (got "Shop")')]).toEqual([
      "Give berth init a valid --app (2-20 lower case letters, digits and single hyphens) and --region (e.g. eu-west-1).",
      true,
    ]);
  });

  it("prints what it wrote and the next steps", () => {
    const text = formatInit({ app: "shop", region: "eu-west-1", target: "fargate", written: ["berth.config.ts", "cdktf.json"], kept: [], ignored: [".berth/"] });
    expect(text.split("\n").slice(0, 4)).toEqual(["berth init: shop (eu-west-1, target fargate)", "  wrote: berth.config.ts, cdktf.json", "  .gitignore: added .berth/", "next:"]);
  });
});
