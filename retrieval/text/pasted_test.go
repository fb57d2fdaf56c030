package text

import "testing"

func TestSplitPasted(t *testing.T) {
	for _, c := range []struct {
		name, question, own, pasted string
	}{
		{"one line is all the asker's", "why does `retry.Do(f)` never stop?", "why does `retry.Do(f)` never stop?", ""},
		// Nothing pasted: one line, as the question was read before lines
		// were kept.
		{"lines of prose", "hi all\nhow do i set the port?", "hi all how do i set the port?", ""},
		{"a log above the question",
			"my retries go like this and never stop??\nretry 1 wait=1s\nretry 2 wait=2s\n...\nusing go-retry, how do i make it stop",
			"my retries go like this and never stop?? using go-retry, how do i make it stop", "retry 1 wait=1s retry 2 wait=2s ..."},
		{"a prompt and a program's output",
			"$ export MYAPP_REQUIREDVAR=\n$ ./myapp\nDebug: false\nPort: 8080\nno error at all?? why it dont complain",
			"no error at all?? why it dont complain", "$ export MYAPP_REQUIREDVAR= $ ./myapp Debug: false Port: 8080"},
		{"a Go panic keeps its message",
			"panic: runtime error: index out of range [3] with length 3\ngoroutine 23 [running]:\nmain.syncJob()\n    /app/jobs.go:41 +0x1d\ngithub.com/robfig/cron/v3.FuncJob.Run(...)\ncron job panic kills my app, i thought it recovers panics??",
			"panic: runtime error: index out of range [3] with length 3\ncron job panic kills my app, i thought it recovers panics??",
			"goroutine 23 [running]: main.syncJob() /app/jobs.go:41 +0x1d github.com/robfig/cron/v3.FuncJob.Run(...)"},
		{"a node trace keeps its error",
			"node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\nError: Cannot find module '/app/dist/daemon.js'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\nafter bundling my task crashes like this",
			"Error: Cannot find module '/app/dist/daemon.js'\nafter bundling my task crashes like this",
			"node:internal/modules/cjs/loader:1228 throw err; ^ at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)"},
		{"code and a fenced block",
			"```js\nconst run = async () => {\n  return res.json()\n}\nawait pRetry(run, {retries: 5})\n```\nhow do i stop p-retry on a 404",
			"how do i stop p-retry on a 404", "js const run = async () => { return res.json() } await pRetry(run, {retries: 5})"},
		{"a command with && is pasted, the complaint is not",
			"node -e 'process.env.foo = 1' && echo $foo\nprints empty line, why doesnt node set it",
			"prints empty line, why doesnt node set it", "node -e 'process.env.foo = 1' && echo $foo"},
		// The asker's own lines, however indented, tagged or wrapped.
		{"an indented question is the asker's", "I have two questions:\n  1. how do I set the port?\n    retry 1 wait=1s",
			"I have two questions: 1. how do I set the port?", "retry 1 wait=1s"},
		{"a tagged question is the asker's", "[envconfig] why is my required field not enforced?\n$ ./myapp",
			"[envconfig] why is my required field not enforced?", "$ ./myapp"},
		{"prose ending in a comma, a setting in prose, a time", "which one should I use,\ngot or axios,\nset timeout=5000 but it hangs\n10:30 every day is my spec\n$ ./app",
			"which one should I use, got or axios, set timeout=5000 but it hangs 10:30 every day is my spec", "$ ./app"},
		{"code inline on its own line opens no fence", "```retry.Do(f)```\nwhy does it never stop\n$ ./app",
			"why does it never stop", "```retry.Do(f)``` $ ./app"},
		{"indented code opening on a question word is pasted", "why does pgx return no rows here\n    i := 0\n    do {\n  WHERE state = 'done'\n  let f = File::open(path)?",
			"why does pgx return no rows here", "i := 0 do { WHERE state = 'done' let f = File::open(path)?"},
		{"a log of times, logfmt and JSON are pasted", "12:01 ERROR connection refused\nworker 3 status=failed err=\"connection refused\"\n\"name\": \"retry-go\",\nwhy does it fail",
			"why does it fail", "12:01 ERROR connection refused worker 3 status=failed err=\"connection refused\" \"name\": \"retry-go\","},
		{"all pasted: the whole is the question", "retry 1 wait=1s\nretry 2 wait=2s", "retry 1 wait=1s retry 2 wait=2s", ""},
		// A question's own line that ends on a call or mentions a flag
		// is still the asker's.
		{"asking lines stay", "what --max-old-space-size should i use?\nhow do i call retry.Do()", "what --max-old-space-size should i use? how do i call retry.Do()", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			own, pasted := SplitPasted(c.question)
			if own != c.own || pasted != c.pasted {
				t.Errorf("SplitPasted(%q)\n = %q, %q\nwant %q, %q", c.question, own, pasted, c.own, c.pasted)
			}
		})
	}
}
