//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal: the test types into and reads from
// master; citebot gets slave as its terminal.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	rc, err := m.SyscallConn() // not m.Fd(): it would take the read deadlines away
	if err != nil {
		t.Fatal(err)
	}
	ioctl := func(req uintptr, arg unsafe.Pointer) {
		t.Helper()
		var e syscall.Errno
		rc.Control(func(fd uintptr) { _, _, e = syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(arg)) })
		if e != 0 {
			t.Skipf("pseudo-terminal ioctl %#x: %v", req, e)
		}
	}
	var n uint32
	ioctl(syscall.TIOCGPTN, unsafe.Pointer(&n))
	var unlock int32
	ioctl(syscall.TIOCSPTLCK, unsafe.Pointer(&unlock))
	ws := struct{ rows, cols, x, y uint16 }{24, 100, 0, 0}
	ioctl(syscall.TIOCSWINSZ, unsafe.Pointer(&ws))
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// screen reads what citebot writes to the terminal (or a pipe).
type screen struct {
	t *testing.T
	m interface {
		io.Reader
		SetReadDeadline(time.Time) error
	}
	buf  bytes.Buffer
	seen int // bytes of buf already matched
}

// waitFor reads until want appears after what earlier calls matched, and
// returns what came before it.
func (s *screen) waitFor(want string) string {
	s.t.Helper()
	if err := s.m.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		s.t.Fatal(err)
	}
	p := make([]byte, 4096)
	for {
		if i := strings.Index(s.buf.String()[s.seen:], want); i >= 0 {
			before := s.buf.String()[s.seen : s.seen+i]
			s.seen += i + len(want)
			return before
		}
		n, err := s.m.Read(p)
		s.buf.Write(p[:n])
		if err != nil && !errors.Is(err, io.EOF) {
			s.t.Fatalf("waiting for %q: %v; the terminal shows:\n%q", want, err, s.buf.String()[s.seen:])
		}
	}
}

// TestChatCtrlCAtThePromptDropsTheLine types at a real (pseudo-)terminal:
// Ctrl-C at the prompt drops the line and shows a new prompt, as a shell
// does, without ending the chat or keeping the line in the history; Ctrl-D
// ends the chat on a line of its own.
func TestChatCtrlCAtThePromptDropsTheLine(t *testing.T) {
	m, s := openPTY(t)
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(cfg, []byte("data_dir: "+filepath.Join(t.TempDir(), "d")+"\n"), 0o644)
	app := &App{Stdin: s, Stdout: s, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- app.Run(t.Context(), []string{"chat", "--config", cfg}) }()
	sc := &screen{t: t, m: m}
	type_ := func(keys string) {
		if _, err := m.Write([]byte(keys)); err != nil {
			t.Fatal(err)
		}
	}

	sc.waitFor("you> ")
	type_("what is th\x03")
	if got := sc.waitFor("you> "); got != "what is th^C\r\n" {
		t.Errorf("after Ctrl-C the terminal shows %q, want the line, ^C and a new prompt", got)
	}
	type_("\x1b[A\r") // Up recalls nothing: the dropped line is not in the history
	if got := sc.waitFor("you> "); got != "\r\n" {
		t.Errorf("Up and Enter after a dropped line show %q", got)
	}
	type_("What are fusion cells?\r")
	if got := sc.waitFor("you> "); !strings.Contains(got, "joint coordination units") {
		t.Errorf("the question after Ctrl-C was not answered:\n%q", got)
	}
	type_("\x04")
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-D did not end the chat")
	}
	// What citebot wrote after its last prompt, then the test's own mark.
	s.Write([]byte("<end>"))
	if got := sc.waitFor("<end>"); got != "\r\n" {
		t.Errorf("after Ctrl-D the terminal shows %q, want a line break", got)
	}
}

// TestChatInterruptAtPromptOfCookedTerminal: with the terminal as input and
// the answers going elsewhere, a Ctrl-C signal at the prompt is taken (the
// terminal drops the line) and the chat goes on.
func TestChatInterruptAtPromptOfCookedTerminal(t *testing.T) {
	m, s := openPTY(t)
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(cfg, []byte("data_dir: "+filepath.Join(t.TempDir(), "d")+"\n"), 0o644)
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { outR.Close(); outW.Close() })
	app := &App{Stdin: s, Stdout: outW, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- app.Run(t.Context(), []string{"chat", "--config", cfg}) }()
	out := &screen{t: t, m: outR}
	out.waitFor("/help for commands.\n")
	for range 2 {
		m.Write([]byte("What are fusion cells?\n"))
		out.waitFor("joint coordination units")
		out.waitFor("Sources:\n")
		out.waitFor("\n\n") // the answer's end: the chat reads again
		if !app.Interrupt() {
			t.Fatal("Ctrl-C at the prompt was not taken: it would end the chat")
		}
	}
	m.Write([]byte("\x04"))
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-D did not end the chat")
	}
	if app.Interrupt() {
		t.Error("an interrupt after the chat was taken")
	}
}
