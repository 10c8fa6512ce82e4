export * from "./policy-documents";
