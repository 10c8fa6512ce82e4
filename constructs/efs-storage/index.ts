export * from "./efs-storage";
