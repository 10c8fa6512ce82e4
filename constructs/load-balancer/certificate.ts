import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import type { Lb } from "@cdktf/provider-aws/lib/lb";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Construct } from "constructs";
import type { HttpsMode, LoadBalancerRouteProps } from "./props";

/**
 * The listener certificate: the given one, or a new DNS-validated one for the domain and each
 * route's host, with an alias record for each (created in `scope`).
 */
export function listenerCertificate(scope: Construct, https: Exclude<HttpsMode, { plainHttp: true }>, lb: Lb, routes: readonly LoadBalancerRouteProps[]): string {
  if ("certificateArn" in https) return https.certificateArn;
  const hostRoutes = routes.filter((r) => r.host !== undefined && r.host !== https.domain);
  const alternativeNames = [...new Set(hostRoutes.map((r) => r.host!))].sort();
  const certificate = new AcmCertificate(scope, "certificate", {
    domainName: https.domain,
    subjectAlternativeNames: alternativeNames.length > 0 ? alternativeNames : undefined,
    validationMethod: "DNS",
    lifecycle: { createBeforeDestroy: true },
  });
  // One validation record per name, addressable at synth time (no for_each over values unknown
  // until apply): the i-th record takes the i-th option's name and value, whichever name it is.
  const records = [https.domain, ...alternativeNames].map((_, i) => {
    const option = certificate.domainValidationOptions.get(i);
    return new Route53Record(scope, i === 0 ? "certificate-validation" : `certificate-validation-${i}`, {
      zoneId: https.hostedZoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 60,
      allowOverwrite: true,
    });
  });
  const validation = new AcmCertificateValidation(scope, "certificate-validated", {
    certificateArn: certificate.arn,
    validationRecordFqdns: records.map((r) => r.fqdn),
  });
  const alias = (id: string, name: string) =>
    new Route53Record(scope, id, {
      zoneId: https.hostedZoneId,
      name,
      type: "A",
      alias: { name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: true },
    });
  alias("alias", https.domain);
  for (const host of alternativeNames) alias(`alias-${host}`, host);
  return validation.certificateArn;
}
