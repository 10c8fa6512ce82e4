export * from "./aws-provider";
