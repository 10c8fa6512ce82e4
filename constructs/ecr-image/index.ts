export * from "./ecr-image";
