package deploy

import (
	"path/filepath"
	"testing"

	"github.com/nats-io/nats-server/v2/server"
)

// TestNATSClusterConfigIsAccepted loads nats/cluster.conf with the same
// nats-server code the binaries embed, with the environment compose gives
// one node, and checks it describes a JetStream node of a 3-route cluster.
func TestNATSClusterConfigIsAccepted(t *testing.T) {
	t.Setenv("SERVER_NAME", "nats-1")
	t.Setenv("NATS_PASSWORD", "s3cret")
	opts, err := server.ProcessConfigFile(filepath.Join("nats", "cluster.conf"))
	if err != nil {
		t.Fatalf("nats-server refuses nats/cluster.conf: %v", err)
	}
	if opts.ServerName != "nats-1" {
		t.Errorf("server_name = %q, want it from $SERVER_NAME", opts.ServerName)
	}
	if !opts.JetStream {
		t.Error("JetStream is not enabled")
	}
	if opts.Cluster.Name != "claimwatch" || opts.Cluster.Port != 6222 {
		t.Errorf("cluster %q on port %d, want claimwatch on 6222", opts.Cluster.Name, opts.Cluster.Port)
	}
	if len(opts.Routes) != 3 {
		t.Errorf("%d routes, want the 3 nodes", len(opts.Routes))
	}
	if opts.Username != "claimwatch" || opts.Password != "s3cret" {
		t.Errorf("client auth %q/%q, want user claimwatch with the password from $NATS_PASSWORD", opts.Username, opts.Password)
	}
	if opts.MaxPayload < 8<<20 {
		t.Errorf("max_payload %d is below the streams' 8 MiB message limit", opts.MaxPayload)
	}
}
