// Package exampleenv gives the example programs their client: the real API
// when COMPOSIO_API_KEY is set, otherwise a fake started in-process, so every
// example runs offline with no setup.
package exampleenv

import (
	"fmt"
	"io"
	"os"
	"strings"

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
