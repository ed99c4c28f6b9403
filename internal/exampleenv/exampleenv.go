// Package exampleenv gives the example programs their client: the real API
// when COMPOSIO_API_KEY is set, otherwise a fake started in-process, so every
// example runs offline with no setup.
package exampleenv

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

// Setup returns a client and, when offline, the fake it talks to (nil when
// talking to the real API). It tells w which one it chose. The caller closes
// the fake.
func Setup(w io.Writer) (*composio.Client, *composiotest.Server, error) {
	if strings.TrimSpace(os.Getenv(composio.EnvAPIKey)) != "" {
		c, err := composio.NewClient()
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(w, "Using the Composio API at %s (COMPOSIO_API_KEY is set).\n", c.BaseURL())
		return c, nil, nil
	}
	srv := composiotest.Start()
	fmt.Fprintf(w, "COMPOSIO_API_KEY is not set: using the built-in fake Composio server at %s.\n", srv.URL)
	return srv.Client(), srv, nil
}

// Main is an example's main: it sets up the client (see Setup), runs run
// with a two-minute deadline, closes the fake, and exits 1 with the error
// prefixed by name when run fails.
func Main(name string, run func(ctx context.Context, client *composio.Client, srv *composiotest.Server, out io.Writer) error) {
	if err := mainErr(run); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

func mainErr(run func(context.Context, *composio.Client, *composiotest.Server, io.Writer) error) error {
	client, srv, err := Setup(os.Stdout)
	if err != nil {
		return err
	}
	if srv != nil {
		defer srv.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return run(ctx, client, srv, os.Stdout)
}
