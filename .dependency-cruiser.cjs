/**
 * berth's layers (docs/design.md): scripts/ → stacks/ → constructs/, and no import cycles. Type-only
 * imports are left out (tsPreCompilationDeps: false): they vanish at run time and let a target's
 * types name the spec's.
 */
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", comment: "A cycle makes load order matter; break it with a leaf module.", from: {}, to: { circular: true } },
    {
      name: "constructs-are-a-library",
      severity: "error",
      comment: "constructs/ is the lowest layer: it imports nothing from stacks/ or scripts/.",
      from: { path: "^constructs/" },
      to: { path: "^(stacks|scripts)/" },
    },
    {
      name: "stacks-below-scripts",
      severity: "error",
      comment: "stacks/ is read by scripts/, never the other way.",
      from: { path: "^stacks/" },
      to: { path: "^scripts/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|cdktf\\.out|\\.berth)/" },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
