// Command files uploads a local file for use as a tool argument, lists the
// project's files, downloads the file back and checks it arrived intact.
//
// It runs offline against a built-in fake server unless COMPOSIO_API_KEY is
// set:
//
//	go run ./examples/files
package main

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	client, fake, err := newClient()
	if err == nil {
		if fake != nil {
			fmt.Println("COMPOSIO_API_KEY is not set: using a fake Composio server started in this process.")
		}
		err = run(ctx, client, fake, os.Stdout)
	}
	if fake != nil {
		fake.Close()
	}
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "files:", err)
		os.Exit(1)
	}
}

// newClient talks to the real API when COMPOSIO_API_KEY is set, and to a fake
// Composio server started in this process otherwise, so the example runs offline.
func newClient() (*composio.Client, *composiotest.Server, error) {
	if os.Getenv("COMPOSIO_API_KEY") != "" {
		c, err := composio.NewClient()
		return c, nil, err
	}
	fake := composiotest.Start()
	return fake.Client(), fake, nil
}

// run does the work; fake is the in-process fake when offline, nil against
// the real API.
func run(ctx context.Context, client *composio.Client, fake *composiotest.Server, out io.Writer) error {
	// A file to attach to an email, as an agent would.
	dir, err := os.MkdirTemp("", "composio-files-example-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	content := []byte("month,revenue\n2025-07,18250\n2025-08,19900\n2025-09,21475\n")
	path := filepath.Join(dir, "q3-revenue.csv")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		return err
	}

	// Upload hashes the file, asks Composio for an upload URL and streams
	// the bytes there. The reference it returns is the tool argument.
	ref, err := client.Files.Upload(ctx, composio.FileUploadParams{
		Path: path, ToolSlug: "GMAIL_SEND_EMAIL", ToolkitSlug: "gmail",
		Mimetype: "text/csv", // else guessed from the extension, then the content
	})
	if err != nil {
		return err
	}
	arg, _ := json.Marshal(map[string]any{"attachment": ref})
	fmt.Fprintf(out, "Uploaded %s (%s, %d bytes).\nTool arguments: %s\n", ref.Name, ref.Mimetype, len(content), arg)

	fmt.Fprintln(out, "Files uploaded for gmail:")
	for f, err := range client.Files.ListAll(ctx, composio.FileListParams{ToolkitSlug: "gmail"}) {
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  %-20s %-18s %s md5=%s\n", f.Filename, f.ToolSlug, f.Mimetype, f.MD5)
	}

	// Tools that return files point at a storage URL in their output. The
	// fake can mint one for what we uploaded; the real API hands them out
	// only in tool results.
	if fake == nil {
		fmt.Fprintln(out, "Download skipped: against the real API, download URLs come from tool outputs.")
		return nil
	}
	url, ok := fake.DownloadURL(ref.S3Key)
	if !ok {
		return fmt.Errorf("the fake has no file under %s", ref.S3Key)
	}
	var got bytes.Buffer
	dl, err := client.Files.Download(ctx, url, &got, composio.FileDownloadParams{MaxBytes: 1 << 20})
	if err != nil {
		return err
	}
	sum := md5.Sum(got.Bytes())
	fmt.Fprintf(out, "Downloaded %d bytes (%s), md5 %s.\n", dl.Size, dl.ContentType, hex.EncodeToString(sum[:]))
	if !bytes.Equal(got.Bytes(), content) {
		return fmt.Errorf("downloaded content differs from the upload")
	}
	fmt.Fprintln(out, "Round trip OK: the download equals the upload.")
	first, _, _ := strings.Cut(got.String(), "\n")
	fmt.Fprintf(out, "First line: %s\n", first)
	return nil
}
