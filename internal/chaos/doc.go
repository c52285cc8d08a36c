// Package chaos holds claimwatch's fault-injection and load suites: Go
// tests that run the distributed deployment for real — a 3-node
// nats-server cluster on loopback ports, every stage binary as separate
// processes with several replicas each, PostgreSQL behind a TCP proxy the
// test can cut or slow down, and a loopback feed server — and then break
// it while it works.
//
// TestFaultInjection (runs when CW_FAULT_SUITE=1, which .ci/run sets)
// kills stage replicas with SIGKILL and restarts them, kills and restarts
// one NATS node, and makes PostgreSQL unreachable for 10 s, while about
// 2,000 articles (BBC corpus articles, near-copies of some of them and the
// five seeds) flow through. At the end the database must hold exactly the
// expected articles, duplicate links, stories and claims, every event must
// be on the events stream once, and the dead-letter stream must hold only
// the poison messages the test injected.
//
// TestLoad (runs when CW_LOAD_SUITE=1) feeds articles at a fixed rate for
// 60 s and reports consumer lag, memory and CPU per stage, then slows the
// database down and checks that backpressure keeps the other stages'
// memory bounded.
//
// The package has no non-test code.
package chaos
