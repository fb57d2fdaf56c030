package clientip

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

// TestClientBehindTrustedProxies: X-Forwarded-For is believed only
// from a trusted proxy, and then only as far as trusted proxies wrote it.
func TestClientBehindTrustedProxies(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	cases := []struct {
		name    string
		proxies []netip.Prefix
		peer    string
		xff     []string
		want    string
	}{
		{"no proxies trusted", nil, "10.0.0.1:5000", []string{"203.0.113.9"}, "10.0.0.1"},
		{"an untrusted peer", trusted, "198.51.100.7:5000", []string{"203.0.113.9"}, "198.51.100.7"},
		{"a trusted proxy", trusted, "10.0.0.1:5000", []string{"203.0.113.9"}, "203.0.113.9"},
		{"a forged left part", trusted, "10.0.0.1:5000", []string{"1.1.1.1, 203.0.113.9"}, "203.0.113.9"},
		{"two trusted proxies", trusted, "10.0.0.1:5000", []string{"1.1.1.1, 203.0.113.9, 10.0.0.2"}, "203.0.113.9"},
		{"two header lines", trusted, "10.0.0.1:5000", []string{"1.1.1.1", "203.0.113.9"}, "203.0.113.9"},
		{"all trusted", trusted, "10.0.0.1:5000", []string{"10.0.0.3, 10.0.0.2"}, "10.0.0.3"},
		{"no header", trusted, "10.0.0.1:5000", nil, "10.0.0.1"},
		{"garbage", trusted, "10.0.0.1:5000", []string{"203.0.113.9, nonsense"}, "10.0.0.1"},
		{"with a port", trusted, "10.0.0.1:5000", []string{"203.0.113.9:4711"}, "203.0.113.9"},
		{"IPv6 peer", trusted, "[::1]:5000", []string{"2001:db8::1"}, "2001:db8::1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = c.peer
			for _, v := range c.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := Proxies(c.proxies).Client(r); got != c.want {
				t.Errorf("client %q, want %q", got, c.want)
			}
		})
	}
}
