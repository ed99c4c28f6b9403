package composio_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

func ExampleFilesService_Upload() {
	srv := composiotest.Start() // in your tests: composiotest.NewServer(t)
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	// Upload hashes the content, asks for a presigned URL and streams the
	// bytes there; the reference is the value of the tool's file argument.
	ref, err := client.Files.Upload(ctx, composio.FileUploadParams{
		Reader: strings.NewReader("month,revenue\n2025-09,21475\n"), Filename: "q3.csv",
		ToolSlug: "GMAIL_SEND_EMAIL", ToolkitSlug: "gmail",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ref.Name, ref.Mimetype, strings.HasPrefix(ref.S3Key, "projects/"))

	for f, err := range client.Files.ListAll(ctx, composio.FileListParams{ToolkitSlug: "gmail"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(f.Filename, f.ToolSlug, f.MD5)
	}
	// Output:
	// q3.csv text/csv true
	// q3.csv GMAIL_SEND_EMAIL 74eceac06ed1b038581da56a7d34f042
}

func ExampleFilesService_Download() {
	srv := composiotest.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	ref, err := client.Files.Upload(ctx, composio.FileUploadParams{
		Reader: strings.NewReader("hello, storage"), Filename: "hello.txt", ToolSlug: "GMAIL_SEND_EMAIL", ToolkitSlug: "gmail",
	})
	if err != nil {
		log.Fatal(err)
	}
	// A tool's output points at a storage URL; the fake mints one here.
	url, _ := srv.DownloadURL(ref.S3Key)

	var buf bytes.Buffer
	dl, err := client.Files.Download(ctx, url, &buf, composio.FileDownloadParams{MaxBytes: 1 << 20})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(dl.Size, dl.ContentType, buf.String())
	// Output:
	// 14 text/plain hello, storage
}
