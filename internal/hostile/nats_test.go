package hostile

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

// writeCert writes a PEM certificate and key signed by parent (self-signed
// when parent is nil) and returns the certificate, its key and the paths.
func writeCert(t *testing.T, dir, name string, isCA bool, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (*x509.Certificate, *ecdsa.PrivateKey, string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		IsCA:         isCA, BasicConstraintsValid: true,
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:    []string{"localhost"},
	}
	signer, signerKey := tmpl, key
	if parent != nil {
		signer, signerKey = parent, parentKey
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signerKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	kb, _ := x509.MarshalECPrivateKey(key)
	cp, kp := filepath.Join(dir, name+".crt"), filepath.Join(dir, name+".key")
	if err := os.WriteFile(cp, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(kp, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	return cert, key, cp, kp
}

// TestNATSCredentialsAndTLS runs a nats-server that demands TLS and a
// password and connects through pkg/bus (the code every stage uses) with
// the right and the wrong settings. Only the right ones may connect; the
// wrong ones must fail with an error, not hang or fall back to plain text.
func TestNATSCredentialsAndTLS(t *testing.T) {
	dir := t.TempDir()
	ca, caKey, caPath, _ := writeCert(t, dir, "ca", true, nil, nil)
	_, _, srvCert, srvKey := writeCert(t, dir, "server", false, ca, caKey)
	_, _, otherCA, _ := writeCert(t, dir, "other-ca", true, nil, nil)

	tlsCfg, err := server.GenTLSConfig(&server.TLSConfigOpts{CertFile: srvCert, KeyFile: srvKey, CaFile: caPath})
	if err != nil {
		t.Fatal(err)
	}
	opts := &server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true,
		JetStream: true, StoreDir: t.TempDir(), TLSConfig: tlsCfg, TLS: true, TLSVerify: false,
		Username: "claimwatch", Password: "correct horse battery staple"}
	srv, err := server.NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	go srv.Start()
	t.Cleanup(srv.Shutdown)
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server did not start")
	}
	url := srv.ClientURL()

	tests := []struct {
		name string
		o    bus.Options
		ok   bool
	}{
		{"right CA and password", bus.Options{CAFile: caPath, User: "claimwatch", Password: "correct horse battery staple"}, true},
		{"wrong password", bus.Options{CAFile: caPath, User: "claimwatch", Password: "guess"}, false},
		{"no credentials", bus.Options{CAFile: caPath}, false},
		{"token instead of password", bus.Options{CAFile: caPath, Token: "correct horse battery staple"}, false},
		{"server certificate from another CA", bus.Options{CAFile: otherCA, User: "claimwatch", Password: "correct horse battery staple"}, false},
		{"no CA: the system roots do not trust it", bus.Options{User: "claimwatch", Password: "correct horse battery staple"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.o.URLs = []string{url}
			tc.o.Name = "hostile-test"
			ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
			defer cancel()
			conn, err := bus.Connect(ctx, tc.o, zaptest.NewLogger(t))
			if tc.ok {
				if err != nil {
					t.Fatalf("connect: %v", err)
				}
				defer conn.Close(context.Background())
				if err := conn.EnsureTopology(ctx, bus.Limits{MaxBytes: 64 << 20}); err != nil {
					t.Fatalf("topology over TLS: %v", err)
				}
				return
			}
			if err == nil {
				conn.Close(context.Background())
				t.Fatal("connected with wrong settings")
			}
			if strings.Contains(err.Error(), tc.o.Password) && tc.o.Password != "" {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
	t.Run("a certificate without its key is refused before connecting", func(t *testing.T) {
		_, err := bus.Connect(t.Context(), bus.Options{URLs: []string{url}, CertFile: srvCert}, zaptest.NewLogger(t))
		if err == nil {
			t.Fatal("no error for a client certificate without a key")
		}
	})
}
