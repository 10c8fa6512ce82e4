import { ServiceDiscoveryHttpNamespace } from "@cdktf/provider-aws/lib/service-discovery-http-namespace";
import { Construct } from "constructs";
import { ValidationError } from "../errors";

export interface ServiceNamespaceProps {
  /** The namespace's name: the app and stage, e.g. "shop-prod". */
  readonly name: string;
}

/**
 * The Cloud Map namespace the app's services find each other in through ECS Service Connect (give
 * its `arn` to each FargateService's `serviceConnect`). An HTTP namespace: Service Connect needs no
 * DNS hosted zone, and ECS creates this type itself when it makes one (ECS API Reference,
 * ServiceConnectConfiguration.namespace: any namespace type works).
 */
export class ServiceNamespace extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: ServiceNamespaceProps) {
    super(scope, id);
    // Cloud Map CreateHttpNamespace: 1-1024 characters, not starting with "arn:".
    if (props.name.length === 0 || props.name.length > 1024 || props.name.startsWith("arn:")) {
      throw new ValidationError(this, `name must be 1-1024 characters and not start with "arn:" (Cloud Map CreateHttpNamespace), got ${JSON.stringify(props.name)}`);
    }
    const namespace = new ServiceDiscoveryHttpNamespace(this, "namespace", { name: props.name, description: `Service Connect names of ${props.name}` });
    this.arn = namespace.arn;
  }
}
