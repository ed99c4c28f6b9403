package composio_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
)

// uploadRig writes a file of size bytes and starts a server that answers
// the upload request and hashes the PUT as it arrives, keeping nothing.
func uploadRig(tb testing.TB, size int) (*composio.Client, composio.FileUploadParams) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "big.bin")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	block := make([]byte, 64<<10)
	for i := range block {
		block[i] = byte(i * 31)
	}
	for written := 0; written < size; written += len(block) {
		_, _ = f.Write(block)
	}
	f.Close()

	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			fmt.Fprintf(w, `{"id":"req_file_1","key":"k/big.bin","new_presigned_url":"%s/storage/big.bin?X-Amz-Signature=s","metadata":{"storage_backend":"s3"}}`, srvURL)
		case http.MethodPut:
			h := md5.New()
			n, _ := io.Copy(h, r.Body) // hash as it arrives; keep nothing
			if n != int64(size) || r.ContentLength != int64(size) {
				http.Error(w, "short body", http.StatusBadRequest)
				return
			}
			w.Header().Set("ETag", hex.EncodeToString(h.Sum(nil)))
		}
	}))
	tb.Cleanup(srv.Close)
	srvURL = srv.URL
	client, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey("ak_bench"), composio.WithBaseURL(srv.URL))
	if err != nil {
		tb.Fatal(err)
	}
	return client, composio.FileUploadParams{Path: path, ToolSlug: "GMAIL_SEND_EMAIL", ToolkitSlug: "gmail"}
}

// allocatedBy returns the bytes the process allocated while fn ran.
func allocatedBy(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestUploadStreams is the suite's check that an upload never holds the
// file in memory: a 16 MiB upload allocates a small fraction of that,
// client and in-process server together.
func TestUploadStreams(t *testing.T) {
	const size = 16 << 20
	client, params := uploadRig(t, size)
	var err error
	if n := allocatedBy(func() { _, err = client.Files.Upload(context.Background(), params) }); n > size/4 {
		t.Errorf("%d bytes allocated to upload a %d-byte file: the content is being buffered", n, size)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkUpload uploads an 8 MiB file. "buffered" is the baseline: the
// naive upload that reads the file into memory, hashes it and PUTs the
// buffer. "sdk" is Files.Upload, which streams the file in both passes.
// Compare B/op: go test -run ^$ -bench Upload -benchmem
func BenchmarkUpload(b *testing.B) {
	const size = 8 << 20
	client, params := uploadRig(b, size)
	ctx := context.Background()

	b.Run("buffered", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			content, err := os.ReadFile(params.Path)
			if err != nil {
				b.Fatal(err)
			}
			sum := md5.Sum(content)
			up, err := client.Files.CreateUploadURL(ctx, composio.FileUploadRequestParams{
				Filename: "big.bin", Mimetype: "application/octet-stream", MD5: hex.EncodeToString(sum[:]),
				ToolSlug: params.ToolSlug, ToolkitSlug: params.ToolkitSlug,
			})
			if err != nil {
				b.Fatal(err)
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPut, up.PresignedURL, bytes.NewReader(content))
			if err != nil {
				b.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(err, resp)
			}
			resp.Body.Close()
		}
	})

	b.Run("sdk", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		var n int
		total := allocatedBy(func() {
			for b.Loop() {
				if _, err := client.Files.Upload(ctx, params); err != nil {
					b.Fatal(err)
				}
				n++
			}
		})
		// The same figure -benchmem reports, checked so that a regression to
		// buffering the file fails the benchmark rather than only slowing it.
		if perOp := total / uint64(n); perOp > size/8 {
			b.Fatalf("%d bytes allocated per upload of a %d-byte file: the content is being buffered", perOp, size)
		}
	})
}
