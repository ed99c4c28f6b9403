// Package composio is the Go SDK for the Composio REST API v3.1.
//
// # Getting started
//
// Create one [Client] and share it; it is safe for concurrent use:
//
//	client, err := composio.NewClient() // reads COMPOSIO_API_KEY
//	if err != nil { ... }
//	for tk, err := range client.Toolkits.ListAll(ctx, composio.ToolkitListParams{}) {
//		if err != nil { ... }
//		fmt.Println(tk.Slug)
//	}
//
// Each REST resource is a service field of the client: [Client].Tools,
// Toolkits, ConnectedAccounts, AuthConfigs, Triggers, Files, MCP, Projects,
// ToolRouter, Webhooks and Logs. Methods take a context first, path
// arguments next, then a params struct by value and per-call
// [RequestOption]s, and return a model pointer and an error.
//
// # Configuration
//
// Options override the environment, which overrides the defaults:
// [WithAPIKey] ($COMPOSIO_API_KEY), [WithOrgAPIKey] ($COMPOSIO_ORG_API_KEY),
// [WithUserAPIKey] ($COMPOSIO_USER_API_KEY) and [WithBaseURL]
// ($COMPOSIO_BASE_URL; a bare host gets /api/v3.1 appended). Each operation
// sends the one credential header the API accepts for it, preferring the
// project key, and fails before sending when that key is not configured.
//
// # Errors
//
// Every non-2xx answer is an [*Error] carrying the status, Composio's error
// code, message, request id and suggested fix. Categories match with
// errors.Is: [ErrNotFound], [ErrUnauthorized], [ErrRateLimited], ... Inputs
// found invalid before sending wrap [ErrInvalidParams].
//
// # Timestamps
//
// Dates and times in answers are [Timestamp]s: a time.Time decoded from any
// ISO 8601 form servers write (a value without a zone is UTC), with the text
// as sent in Raw. A value no form matches never fails the call: it is kept
// in Raw and [Timestamp.Unparsed] reports it.
//
// # Pagination
//
// Cursor-paginated lists return a [Page]; each has an ...All twin returning
// an iter.Seq2 that follows next_cursor lazily, one page in memory at a
// time, and stops fetching when the loop breaks. [Collect] gathers one.
//
// # Retries
//
// Calls are retried (2 times by default, exponential backoff with jitter,
// Retry-After honoured up to 60 s) only when repeating cannot cause a second
// effect: any request the server never received, 429, 503 with Retry-After;
// 408 and 5xx only for idempotent methods. A tool execution that may have
// run is never sent twice.
//
// # Building agents
//
// [ToolsService.ForUser] fetches the tools an agent gets for one user as a
// [ToolSet]: [ToolSet.Definitions] are the functions to give a model
// (rendered for OpenAI, in strict mode with [FunctionDefinitions.Strict],
// Anthropic or Gemini), and [ToolSet.Handle] runs every tool call of a
// model turn, concurrently, and returns one [ToolResult] per call. What
// the model can fix (bad arguments, a failed tool, no connected account)
// comes back as a result for it to read; Handle returns an error only for
// what the program must fix. [BeforeExecute], [AfterExecute] and
// [ModifySchema] change calls, results and schemas; [LocalTool] adds a Go
// function as a tool; [WithFileUploads] and [WithFileDownloads] move the
// files of file arguments and outputs.
//
// # Trigger events
//
// Trigger events reach a program two ways, as the same [TriggerEvent]: a
// webhook subscription delivers them to a public URL ([VerifyWebhook],
// [WebhookHandler]), and [TriggersService.Subscribe] receives them over a
// websocket, with no URL to expose, reconnecting by itself:
//
//	sub, err := client.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{Toolkits: []string{"github"}})
//	if err != nil { ... }
//	defer sub.Close()
//	for ev, err := range sub.Events() {
//		if err != nil { ... } // refused for good
//		fmt.Println(ev.TriggerSlug, ev.UserID)
//	}
//
// # Testing
//
// Package composiotest is a stateful fake of the API for tests:
// composiotest.NewServer(t).Client() returns a client pointed at it.
package composio
