import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import type { Lb } from "@cdktf/provider-aws/lib/lb";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Construct } from "constructs";
import type { HttpsMode } from "./props";

/** The listener certificate: the given one, or a new DNS-validated one with an alias record (created in `scope`). */
export function listenerCertificate(scope: Construct, https: Exclude<HttpsMode, { plainHttp: true }>, lb: Lb): string {
  if ("certificateArn" in https) return https.certificateArn;
  const certificate = new AcmCertificate(scope, "certificate", {
    domainName: https.domain,
    validationMethod: "DNS",
    lifecycle: { createBeforeDestroy: true },
  });
  // One domain, no SANs: exactly one validation record, addressable at synth time (no for_each
  // over values unknown until apply).
  const option = certificate.domainValidationOptions.get(0);
  const record = new Route53Record(scope, "certificate-validation", {
    zoneId: https.hostedZoneId,
    name: option.resourceRecordName,
    type: option.resourceRecordType,
    records: [option.resourceRecordValue],
    ttl: 60,
    allowOverwrite: true,
  });
  const validation = new AcmCertificateValidation(scope, "certificate-validated", {
    certificateArn: certificate.arn,
    validationRecordFqdns: [record.fqdn],
  });
  new Route53Record(scope, "alias", {
    zoneId: https.hostedZoneId,
    name: https.domain,
    type: "A",
    alias: { name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: true },
  });
  return validation.certificateArn;
}
