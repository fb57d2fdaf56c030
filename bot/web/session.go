package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"
)

// cookieName is the moderators' session cookie.
const cookieName = "citebot_mod"

// maxSessions bounds the sessions kept; the oldest go first.
const maxSessions = 1000

// session is a logged-in moderator.
type session struct {
	id      string
	csrf    string // the token every form of the session carries
	expires time.Time
}

// sessions are the moderators' sessions, in memory: a restart logs
// everyone out.
type sessions struct {
	ttl  time.Duration
	mu   sync.Mutex
	byID map[string]*session
}

// randomToken returns 32 random bytes, hex-encoded.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// start opens a session.
func (ss *sessions) start(now time.Time) *session {
	s := &session{id: randomToken(), csrf: randomToken(), expires: now.Add(ss.ttl)}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if len(ss.byID) >= maxSessions {
		var oldest *session
		for id, o := range ss.byID {
			if now.After(o.expires) {
				delete(ss.byID, id)
			} else if oldest == nil || o.expires.Before(oldest.expires) {
				oldest = o
			}
		}
		if len(ss.byID) >= maxSessions && oldest != nil {
			delete(ss.byID, oldest.id)
		}
	}
	ss.byID[s.id] = s
	return s
}

// get returns the live session the request's cookie names.
func (ss *sessions) get(r *http.Request, now time.Time) (*session, bool) {
	c, err := r.Cookie(cookieName)
	if err != nil || c.Value == "" {
		return nil, false
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s, ok := ss.byID[c.Value]
	if !ok {
		return nil, false
	}
	if now.After(s.expires) {
		delete(ss.byID, s.id)
		return nil, false
	}
	return s, true
}

// end closes a session.
func (ss *sessions) end(id string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.byID, id)
}

// sessionCookie is the cookie of s (an expired one when s is nil); secure
// marks it Secure even on a request without TLS (a proxy's).
func sessionCookie(r *http.Request, s *session, secure bool) *http.Cookie {
	c := &http.Cookie{Name: cookieName, Path: "/mod/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure || r.TLS != nil}
	if s == nil {
		c.MaxAge = -1
		return c
	}
	c.Value = s.id
	c.Expires = s.expires
	c.MaxAge = int(time.Until(s.expires) / time.Second)
	return c
}

// sameToken compares two secrets in constant time.
func sameToken(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// nextPath is what the path of a login's next address may be.
var nextPath = regexp.MustCompile(`^/mod/[A-Za-z0-9_\-/.]*$`)

// safeNext returns next when it is a path of the moderators' area of this
// site (a query may follow), "/mod/" otherwise: a login never sends anyone
// elsewhere.
func safeNext(next string) string {
	const home = "/mod/"
	p, query, _ := strings.Cut(next, "?")
	if !nextPath.MatchString(p) || strings.Contains(p, "//") || path.Clean(p) != strings.TrimSuffix(p, "/") ||
		strings.ContainsFunc(query, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' || r == '#' }) {
		return home
	}
	return next
}
