package feed

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrPrivateNetwork is wrapped by fetch errors when the address a host name
// resolved to is loopback, private, link-local, multicast, unspecified or a
// cloud metadata address, and Config.AllowPrivateNetworks is false.
var ErrPrivateNetwork = errors.New("address in a private network refused")

// blockedPrefixes are ranges that IsPrivate, IsLoopback etc. do not cover
// but that must not be reachable from a feed URL.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),          // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),      // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),       // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),      // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),        // reserved, incl. broadcast
	netip.MustParsePrefix("fd00:ec2::/32"),      // AWS IMDS over IPv6 (inside fc00::/7, listed for clarity)
	netip.MustParsePrefix("64:ff9b::/96"),       // NAT64 can map onto private IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),     // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),      // documentation
	netip.MustParsePrefix("100::/64"),           // discard-only
	netip.MustParsePrefix("169.254.0.0/16"),     // link-local incl. 169.254.169.254 metadata
	netip.MustParsePrefix("fe80::/10"),          // link-local
	netip.MustParsePrefix("fc00::/7"),           // unique local
	netip.MustParsePrefix("100.100.100.200/32"), // Alibaba Cloud metadata
}

// blockedAddr reports whether a is an address a feed must not reach.
func blockedAddr(a netip.Addr) bool {
	a = a.Unmap()
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsMulticast() || a.IsInterfaceLocalMulticast() || a.IsUnspecified() {
		return true
	}
	for _, p := range blockedPrefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// guardControl is a net.Dialer Control function: it runs after name
// resolution, on the very address the socket connects to, so a host name
// that resolves to a public address once and a private one the next time
// (DNS rebinding) is still refused.
func guardControl(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		host, _, splitErr := net.SplitHostPort(address)
		if splitErr != nil {
			return fmt.Errorf("%w: unparseable address %q", ErrPrivateNetwork, address)
		}
		a, perr := netip.ParseAddr(host)
		if perr != nil {
			return fmt.Errorf("%w: unparseable address %q", ErrPrivateNetwork, address)
		}
		ap = netip.AddrPortFrom(a, 0)
	}
	if blockedAddr(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrPrivateNetwork, ap.Addr())
	}
	return nil
}
