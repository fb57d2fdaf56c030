// Package clientip tells the address of an HTTP request's client, believing
// X-Forwarded-For only as far as trusted reverse proxies wrote it: what the
// HTTP front ends (the API and the web pages) limit askers by.
package clientip

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the networks of the reverse proxies in front of a server
// whose X-Forwarded-For is believed; none: the peer is the client.
type Proxies []netip.Prefix

// Client is the address of the request's client: its peer's, or, when the
// peer is a trusted proxy, the right-most address of X-Forwarded-For that
// is not a trusted proxy's (the left-most when all are). An entry that is
// not an address ends the walk at the peer: only what trusted proxies
// appended is believed.
func (p Proxies) Client(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !p.Trusted(peer) {
		return host
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := parseHop(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer.String()
		}
		client = a.Unmap().WithZone("")
		if !p.Trusted(client) {
			break
		}
	}
	return client.String()
}

// parseHop reads an address of X-Forwarded-For, with or without a port.
func parseHop(s string) (netip.Addr, error) {
	if a, err := netip.ParseAddr(s); err == nil {
		return a, nil
	}
	ap, err := netip.ParseAddrPort(s)
	return ap.Addr(), err
}

// Trusted reports whether a is a trusted proxy's address.
func (p Proxies) Trusted(a netip.Addr) bool {
	a = a.Unmap().WithZone("")
	for _, n := range p {
		if n.Contains(a) {
			return true
		}
	}
	return false
}
