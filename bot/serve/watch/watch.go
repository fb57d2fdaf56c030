// Package watch follows a folder tree (a corpus) and calls back once it has
// changed and then stayed quiet for a while, so that a long-running front
// end can rebuild its index without a restart. It knows nothing of what the
// folder holds: a change is any file or folder created, written, removed,
// renamed or with other permissions.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options says how a folder is watched.
type Options struct {
	// Debounce is how long the folder must stay quiet after a change before
	// Changed is called: a burst of changes (an editor saving, a git pull)
	// gives one call. It must be positive.
	Debounce time.Duration
	// Changed is called with Run's ctx after a change. Calls never overlap:
	// a change made while one runs gives one more call after it.
	Changed func(ctx context.Context)
	// Problem receives what the watch goes on after: a subfolder that could
	// not be watched, events the system dropped (a rebuild follows them).
	// Nil ignores them.
	Problem func(error)

	// watching, for tests, is called once the folders are watched.
	watching func()
	// pending, for tests, is called when a quiet period ends while Changed
	// runs (another call is then due).
	pending func()
}

// Run watches dir and every folder under it, folders made later included,
// until ctx ends; it returns nil then, once a running Changed has returned.
// It fails at once when dir cannot be watched.
func Run(ctx context.Context, dir string, opts Options) error {
	if opts.Changed == nil || opts.Debounce <= 0 {
		return errors.New("watch: Changed and a positive Debounce are required")
	}
	if opts.Problem == nil {
		opts.Problem = func(error) {}
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	defer w.Close()
	if err := w.Add(dir); err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	addTree(w, dir, opts.Problem)
	if opts.watching != nil {
		opts.watching()
	}

	var (
		quiet   *time.Timer
		quietC  <-chan time.Time
		running bool
		again   bool
		done    = make(chan struct{})
	)
	arm := func() {
		if quiet == nil {
			quiet = time.NewTimer(opts.Debounce)
		} else {
			quiet.Reset(opts.Debounce)
		}
		quietC = quiet.C
	}
	start := func() {
		running = true
		go func() {
			defer func() { done <- struct{}{} }()
			opts.Changed(ctx)
		}()
	}
	defer func() {
		if running {
			<-done
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name, opts.Problem) // a new folder, or one moved in
				}
			}
			arm()
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			opts.Problem(fmt.Errorf("watch %s: %w", dir, err))
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				arm() // changes were lost: look at everything again
			}
		case <-quietC:
			quietC = nil
			if running {
				again = true
				if opts.pending != nil {
					opts.pending()
				}
				continue
			}
			start()
		case <-done:
			running = false
			if again {
				again = false
				start()
			}
		}
	}
}

// addTree watches the folders under root (root itself is watched already
// or is being added); a folder that can't be watched is a problem, not an
// end. Symbolic links are not followed.
func addTree(w *fsnotify.Watcher, root string, problem func(error)) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			problem(fmt.Errorf("watch %s: %w", path, err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.Add(path); err != nil {
				problem(fmt.Errorf("watch %s: %w", path, err))
			}
		}
		return nil
	})
}
