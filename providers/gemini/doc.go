// Package geminiprovider gives Composio tools to Gemini through the Google
// Gen AI Go SDK (google.golang.org/genai), in the SDK's own types both
// ways.
//
// [Tool] turns a [composio.ToolSet] into a [genai.Tool] of function
// declarations. [HandleToolCalls] takes the model's
// [genai.GenerateContentResponse], runs every function call of it through
// the tool set and returns the [genai.Content] of function responses that
// answers them, each carrying its call's id and name (Gemini's calls may
// have no id; the responses are then in the order of the calls); a failure
// the model can act on (bad arguments, a tool that failed, a missing
// connection) is a response under "error", not a Go error. [ToolCalls] and
// [ToolResults] are the two halves, for callers that run
// [composio.ToolSet.Handle] themselves.
//
//	set, err := composioClient.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"github"}})
//	...
//	config := &genai.GenerateContentConfig{Tools: []*genai.Tool{geminiprovider.Tool(set)}}
//	contents := []*genai.Content{genai.NewContentFromText("Star my newest repository", genai.RoleUser)}
//	for {
//		resp, err := gemini.Models.GenerateContent(ctx, "gemini-2.5-flash", contents, config)
//		...
//		results, err := geminiprovider.HandleToolCalls(ctx, set, resp)
//		...
//		if results == nil {
//			fmt.Println(resp.Text())
//			break
//		}
//		contents = append(contents, resp.Candidates[0].Content, results)
//	}
//
// [Run] is that loop in one call, bounded in turns.
//
// # Schemas
//
// Gemini takes an OpenAPI subset of JSON Schema. The declarations use the
// cleaned schemas of [composio.FunctionDefinition.Gemini], as typed
// [genai.Schema] values in the Parameters field; see [FunctionDeclaration].
package geminiprovider
