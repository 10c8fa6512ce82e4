import { classifyDockerFailure, type DockerFailureKind } from "../../../scripts/images/docker-errors";

const PROGRESS = "The push refers to repository [123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web]\n5f70bf18a086: Preparing\n5f70bf18a086: Layer already exists\n";

// Real docker output, each with where it was seen. "local" = produced on this repository's CI machine
// (docker engine 20.10.24 + Debian's docker-registry, see test/scripts/images/support/local-ecr.ts).
const SAMPLES: readonly (readonly [DockerFailureKind, string, string])[] = [
  // local: docker login to a port nothing listens on
  ["network", 'Error response from daemon: Get "http://127.0.0.1:39361/v2/": dial tcp 127.0.0.1:39361: connect: connection refused', "connection refused"],
  // local: docker push through a proxy that never answers
  ["network", `${PROGRESS}Get "http://127.0.0.1:46589/v2/": net/http: request canceled (Client.Timeout exceeded while awaiting headers)`, "client timeout"],
  // moby/moby#26945 shape (lookup), portus issue SUSE/Portus#2161
  ["network", "Get https://portus.tets.lan:5000/v2/: dial tcp: lookup portus.tets.lan on 10.0.0.100:53: no such host", "no such host"],
  // docker/for-mac#1501
  ["network", "dial tcp: lookup auth.docker.io on 192.168.65.1:53: read udp 192.168.65.2:56033->192.168.65.1:53: i/o timeout", "i/o timeout"],
  // distribution/distribution#2147 (EOF while pushing, after docker's own countdown)
  ["network", `${PROGRESS}5f70bf18a086: Retrying in 5 seconds\n5f70bf18a086: Retrying in 1 second\nPut https://registry.example/v2/app/blobs/uploads/1?digest=sha256:ab: EOF`, "EOF"],
  ["network", `${PROGRESS}Patch https://registry.example/v2/app/blobs/uploads/1: read tcp 10.0.0.2:41234->10.0.0.9:443: read: connection reset by peer`, "connection reset"],
  // local: docker push without docker login; aws/aws-cli#3042, docker/for-mac#2072
  ["auth", "no basic auth credentials\nThe push refers to repository [127.0.0.1:37735/exp/a]\n93dfe9e99fbf: Preparing", "no basic auth credentials"],
  // local: docker login with a wrong password
  ["auth", "Error response from daemon: login attempt to http://127.0.0.1:37735/v2/ failed with status: 401 Unauthorized", "401"],
  ["auth", `${PROGRESS}authorization failed`, "authorization failed"],
  // aws/amazon-sagemaker-examples#1257, aws-actions/amazon-ecr-login#232
  ["denied", `${PROGRESS}denied: User: arn:aws:sts::123456789012:assumed-role/ci/GitHubActions is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-west-2:123456789012:repository/runner-test because no resource-based policy allows the ecr:InitiateLayerUpload action`, "ECR denied"],
  // docker/hub-feedback#1222
  ["denied", `${PROGRESS}denied: requested access to the resource is denied`, "denied"],
  ["denied", "Error response from daemon: login attempt to https://registry.example/v2/ failed with status: 403 Forbidden", "403"],
  // moby/buildkit#3776, aws/containers-roadmap#862 (the older wording); osscontainertools/kaniko#204 (ECR's wording since 2025).
  ["tag-immutable", `${PROGRESS}tag invalid: The image tag 'h-0123' already exists in the 'shop-dev/web' repository and cannot be overwritten because the repository is immutable.`, "ECR immutable tag (older wording)"],
  ["tag-immutable", `${PROGRESS}tag invalid: The image tag 'h-0123' already exists in the 'shop-dev/web' repository and cannot be overwritten because the tag is immutable.`, "ECR immutable tag"],
  // docker/hub-feedback#2421, docker/hub-feedback#2429
  ["rate-limit", "Error response from daemon: toomanyrequests: Too Many Requests (HAP429).", "toomanyrequests"],
  // docker/hub-feedback#2421
  ["rate-limit", "Error response from daemon: login attempt to https://registry-1.docker.io/v2/ failed with status: 429 Too Many Requests", "429"],
  // BD2KGenomics/cgl-docker-lib#100
  ["disk", "mkdir /var/lib/docker/graph/_tmp/2ed673c39822: no space left on device", "no space left"],
  // distribution/distribution#3055, docker/for-linux#667
  ["manifest-invalid", `${PROGRESS}manifest invalid: manifest invalid`, "manifest invalid"],
  ["manifest-invalid", `${PROGRESS}ERROR: MANIFEST_INVALID: manifest invalid`, "MANIFEST_INVALID"],
  // docker/hub-feedback#632 shape; distribution's errcode UNKNOWN for a 500
  ["server", `${PROGRESS}received unexpected HTTP status: 500 Internal Server Error`, "500"],
  ["server", "error parsing HTTP 503 response body: received unexpected HTTP status: 503 Service Unavailable", "503"],
  ["unknown", "something docker never said before", "unrecognised"],
];

describe("classifyDockerFailure", () => {
  it.each(SAMPLES)("classifies as %s: %#", (kind, output) => {
    expect(classifyDockerFailure(output, 1).kind).toBe(kind);
  });

  it.each([
    ["network", true], ["rate-limit", true], ["server", true], ["auth", false], ["denied", false], ["tag-immutable", false], ["disk", false], ["manifest-invalid", false], ["unknown", false],
  ] as const)("treats %s as transient: %s", (kind, transient) => {
    const [, output] = SAMPLES.find(([k]) => k === kind)!;
    expect(classifyDockerFailure(output, 1).transient).toBe(transient);
  });

  it("does not take a normal push's \"Layer already exists\" for a refusal", () => {
    expect(classifyDockerFailure(`${PROGRESS}read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer`, 1).kind).toBe("network");
  });

  it("gives the final error lines as the cause, not docker's retry countdown", () => {
    const output = `${PROGRESS}5f70bf18a086: Retrying in 5 seconds\n5f70bf18a086: Retrying in 4 seconds\n5f70bf18a086: Retrying in 1 second\ndial tcp 10.0.0.9:443: connect: connection refused`;
    expect(classifyDockerFailure(output, 1).cause).toBe("dial tcp 10.0.0.9:443: connect: connection refused");
  });

  it("says what to do next for a throttled push", () => {
    expect(classifyDockerFailure("toomanyrequests: Rate exceeded", 1).advice).toBe(
      "The registry is throttling requests (ECR limits the rate of layer uploads per account and region): wait a minute, then run again.",
    );
  });
});
