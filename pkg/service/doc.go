// Package service is what every claimwatch binary shares around its stage:
// flags with environment fallbacks and an optional config file, the
// NATS connection options, the ops HTTP server (/healthz, /readyz,
// /metrics) and running until SIGINT or SIGTERM.
//
// It holds no stage logic; cmd/*/main.go compose it with one pkg/ stage.
package service
