package web

import (
	"sync"
	"time"
)

// Bounds of the login throttle.
const (
	maxLoginFailures = 5                // failed logins from one address...
	loginWindow      = 10 * time.Minute // ...within this long shut it out until the window ends
	maxThrottled     = 10000            // addresses tracked; the oldest go first
)

// throttle counts failed logins per client address in fixed windows: the
// first failure opens a window of loginWindow; after maxLoginFailures in
// it, the address may not try again until it ends. It tracks at most
// maxThrottled addresses.
type throttle struct {
	mu     sync.Mutex
	byAddr map[string]*failures
}

// failures are an address's failed logins in its window.
type failures struct {
	since  time.Time // the window's start: the first failure
	n      int
	logged bool // a failure of this window was logged
}

// wait returns how long addr must wait before it may try to log in again,
// 0 when it may now.
func (t *throttle) wait(addr string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.byAddr[addr]
	if !ok {
		return 0
	}
	end := f.since.Add(loginWindow)
	if !now.Before(end) {
		delete(t.byAddr, addr)
		return 0
	}
	if f.n < maxLoginFailures {
		return 0
	}
	return end.Sub(now)
}

// fail records a failed login from addr and reports whether it is the
// first of addr's window (the one to log).
func (t *throttle) fail(addr string, now time.Time) (first bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byAddr == nil {
		t.byAddr = map[string]*failures{}
	}
	f, ok := t.byAddr[addr]
	if ok && !now.Before(f.since.Add(loginWindow)) {
		ok = false
	}
	if !ok {
		if _, had := t.byAddr[addr]; !had && len(t.byAddr) >= maxThrottled {
			t.evict(now)
		}
		f = &failures{since: now}
		t.byAddr[addr] = f
	}
	f.n++
	first, f.logged = !f.logged, true
	return first
}

// succeed forgets addr's failures.
func (t *throttle) succeed(addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.byAddr, addr)
}

// evict makes room for an address: it drops the windows that have ended
// and, if none had, the oldest.
func (t *throttle) evict(now time.Time) {
	var oldest string
	var oldestSince time.Time
	for a, f := range t.byAddr {
		if !now.Before(f.since.Add(loginWindow)) {
			delete(t.byAddr, a)
		} else if oldest == "" || f.since.Before(oldestSince) {
			oldest, oldestSince = a, f.since
		}
	}
	if len(t.byAddr) >= maxThrottled && oldest != "" {
		delete(t.byAddr, oldest)
	}
}
