package service

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes of every claimwatch binary.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// ErrUsage marks errors caused by how the command was called.
var ErrUsage = errors.New("usage")

// Main runs fn with a context that ends on SIGINT or SIGTERM and exits
// the process with a code derived from its error. A second signal exits
// at once.
func Main(fn func(ctx context.Context, args []string) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal now kills the process the default way
	}()
	err := fn(ctx, os.Args[1:])
	stop()
	os.Exit(ExitCode(err))
}

// ExitCode maps an error to the process exit code, printing it.
func ExitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.Is(err, ErrUsage):
		fmt.Fprintln(os.Stderr, "error:", err)
		return ExitUsage
	default:
		fmt.Fprintln(os.Stderr, "error:", err)
		return ExitError
	}
}
