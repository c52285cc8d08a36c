// Package deploy holds the deployment files of claimwatch — the Dockerfile,
// the docker-compose stack (a 3-node NATS JetStream cluster, PostgreSQL,
// replicas of every stage, Prometheus), the Kubernetes manifests under
// k8s/ and the values for the official NATS Helm chart under helm/ — and
// the tests that validate them.
//
// No container engine or cluster runs where the tests run, so they check
// what can be checked here: every YAML file parses, the Dockerfile builds
// exactly the binaries under cmd/, every flag and CW_* variable the
// compose file and the manifests pass exists in that binary's --help, the
// probe paths and ports match what the binaries serve (by starting each
// binary and calling them), and the NATS cluster configuration is one
// nats-server accepts.
//
// The package has no Go code to import; it exists for its tests.
package deploy
