package watch

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// watcher runs Run on a temporary folder; calls receives one value per
// call of Changed, which waits for release when hold is set.
type watcher struct {
	dir     string
	calls   chan struct{}
	pending chan struct{}
	release chan struct{}
	active  atomic.Int32
	overlap atomic.Bool
	stop    func() error
}

func startWatch(t *testing.T, debounce time.Duration, hold bool) *watcher {
	t.Helper()
	w := &watcher{dir: t.TempDir(), calls: make(chan struct{}, 100), pending: make(chan struct{}, 100), release: make(chan struct{})}
	if !hold {
		close(w.release)
	}
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	opts := Options{
		Debounce: debounce,
		Changed: func(ctx context.Context) {
			if w.active.Add(1) > 1 {
				w.overlap.Store(true)
			}
			defer w.active.Add(-1)
			w.calls <- struct{}{}
			select {
			case <-w.release:
			case <-ctx.Done():
			}
		},
		Problem: func(err error) { t.Log(err) },
		pending: func() { w.pending <- struct{}{} },
	}
	ready := make(chan struct{})
	opts.watching = func() { close(ready) }
	go func() { errc <- Run(ctx, w.dir, opts) }()
	w.wait(t, ready, "watch")
	w.stop = sync.OnceValue(func() error {
		cancel()
		select {
		case err := <-errc:
			return err
		case <-time.After(10 * time.Second):
			t.Error("Run did not return within 10 s of its ctx ending")
			return nil
		}
	})
	t.Cleanup(func() { w.stop() })
	return w
}

func (w *watcher) wait(t *testing.T, ch chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s within 10 s", what)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestChangesAreSeenInNewSubfolders(t *testing.T) {
	w := startWatch(t, 20*time.Millisecond, false)
	sub := filepath.Join(w.dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	w.wait(t, w.calls, "call after mkdir")
	write(t, filepath.Join(sub, "doc.md"), "# new\n")
	w.wait(t, w.calls, "call after a file was written in a new subfolder")
	if err := os.Remove(filepath.Join(sub, "doc.md")); err != nil {
		t.Fatal(err)
	}
	w.wait(t, w.calls, "call after a file was removed")
	if err := w.stop(); err != nil {
		t.Error(err)
	}
}

func TestABurstGivesOneCall(t *testing.T) {
	w := startWatch(t, 300*time.Millisecond, false)
	const n = 30
	for i := range n {
		write(t, filepath.Join(w.dir, "f"+string(rune('a'+i%26))+".txt"), "text")
	}
	w.wait(t, w.calls, "call after the burst")
	write(t, filepath.Join(w.dir, "marker.txt"), "end")
	w.wait(t, w.calls, "call after the marker")
	w.stop()
	if extra := len(w.calls); extra > 1 {
		t.Errorf("%d more calls for a burst of %d writes, want at most one", extra, n)
	}
}

func TestAChangeDuringACallGivesOneMoreAfterIt(t *testing.T) {
	w := startWatch(t, 20*time.Millisecond, true)
	write(t, filepath.Join(w.dir, "a.txt"), "one")
	w.wait(t, w.calls, "first call") // held until release
	write(t, filepath.Join(w.dir, "a.txt"), "two")
	w.wait(t, w.pending, "quiet period during the call")
	write(t, filepath.Join(w.dir, "b.txt"), "three")
	w.wait(t, w.pending, "second quiet period during the call")
	close(w.release)
	w.wait(t, w.calls, "the call after the one running")
	w.stop()
	if w.overlap.Load() {
		t.Error("Changed ran twice at once")
	}
	if extra := len(w.calls); extra > 0 {
		t.Errorf("%d more calls, want one call for the changes made during the first", extra)
	}
}

func TestStopEndsARunningCall(t *testing.T) {
	w := startWatch(t, 20*time.Millisecond, true)
	write(t, filepath.Join(w.dir, "a.txt"), "one")
	w.wait(t, w.calls, "first call")
	if err := w.stop(); err != nil { // Changed returns when ctx ends
		t.Error(err)
	}
	if w.active.Load() != 0 {
		t.Error("Run returned while Changed was running")
	}
}

func TestRunFailsOnAMissingFolder(t *testing.T) {
	err := Run(t.Context(), filepath.Join(t.TempDir(), "nope"), Options{Debounce: time.Second, Changed: func(context.Context) {}})
	if err == nil {
		t.Error("no error for a folder that does not exist")
	}
}
