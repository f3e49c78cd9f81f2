// Package crash records a panic without the data it was working on: the
// report holds where the program was (the stack, with every argument
// removed) and, for a runtime error, the runtime's own message; never a
// value from a case.
package crash

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

// Report is one panic, safe to write to disk.
type Report struct {
	// What is the runtime's message for a runtime error ("index out of
	// range [3] with length 2"), else only the Go type of the panic value:
	// a panic value may hold anything, a case's text included.
	What string
	// Stack is the panicking goroutine's stack with the argument lists
	// cleared, since arguments may be words of a case's data.
	Stack string
}

// New makes the report of the panic value r. Call it in the deferred
// function that recovered r, so that the stack is the panic's.
func New(r any) *Report {
	what := fmt.Sprintf("panic with a value of type %T", r)
	if re, ok := r.(runtime.Error); ok {
		what = re.Error()
	}
	return &Report{What: what, Stack: Scrub(debug.Stack())}
}

func (r *Report) Error() string { return "overturn crashed: " + r.What }

// args matches the argument list at the end of a stack frame's function
// line, as in "main.f(0xc000012345, 0x5)" or "main.g({0x1, 0x2}, ...)".
var args = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^(\S.*)\([^()\n]*\)$`)
})

// Scrub returns the stack trace with the argument words of every frame
// removed.
func Scrub(stack []byte) string {
	return args().ReplaceAllString(string(stack), "$1(...)")
}

// Write saves the report as a new file, readable only by its owner, in
// dir, and returns its path. now names the file.
func (r *Report) Write(dir string, now time.Time) (string, error) {
	name := filepath.Join(dir, "crash-"+now.UTC().Format("20060102-150405")+".txt")
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	_, err = fmt.Fprintf(f, "Overturn crashed: %s\n\nThis report holds no case data: only where in the program the crash happened.\n\n%s", r.What, r.Stack)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}
