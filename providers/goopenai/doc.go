// Package goopenaiprovider gives a user's Composio tools to models behind
// the OpenAI API (and the many servers compatible with it) through
// github.com/sashabaranov/go-openai, and runs the tool calls the model
// makes.
//
// A [composio.ToolSet] becomes the SDK's []openai.Tool ([Tools]); a chat
// response is handled in one call ([HandleChatCompletion]), which runs every
// tool call through the set, concurrently as the set allows, and returns
// tool-role [openai.ChatCompletionMessage]s, each paired with its call id,
// ready to append to the next request. [RunChat] runs the whole loop. The
// Responses API of the same SDK is covered by [ResponseTools] and
// [HandleResponse].
//
//	client := openai.NewClient(os.Getenv("OPENAI_API_KEY"))
//	set, err := composioClient.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"github"}})
//	if err != nil { ... }
//	req := openai.ChatCompletionRequest{
//		Model:    openai.GPT4Dot1Mini,
//		Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "Star composiohq/composio"}},
//		Tools:    goopenaiprovider.Tools(set),
//	}
//	for range 10 { // a bound: a model may keep calling tools
//		resp, err := client.CreateChatCompletion(ctx, req)
//		if err != nil { ... }
//		results, err := goopenaiprovider.HandleChatCompletion(ctx, set, resp)
//		if err != nil { ... }
//		if len(results) == 0 {
//			fmt.Println(resp.Choices[0].Message.Content)
//			break
//		}
//		req.Messages = append(req.Messages, resp.Choices[0].Message)
//		req.Messages = append(req.Messages, results...)
//	}
//
// or, the same loop in one call:
//
//	resp, messages, err := goopenaiprovider.RunChat(ctx, client, set, req)
//
// # Failures
//
// A failure the model can act on (an unknown tool, arguments that are not
// JSON or that the schema refuses, a tool that ran and failed, a user
// without a connected account) goes back to the model as the call's
// result. Tool messages have no error flag, so the result is a JSON
// document with an "error" member saying what went wrong, and the tool's
// data when it ran: {"error":"...","data":{...}}. A success is
// {"data":{...}}. Faults of the program (the context ended, the Composio
// key was refused, the API unreachable) are Go errors; see
// [composio.ToolSet.Handle].
//
// # Strict mode
//
// [WithStrict] gives the tools in OpenAI's strict mode (Structured Outputs
// for function calling): the model's arguments then always match the
// schemas. The schemas are rewritten to the form strict mode accepts (see
// [composio.FunctionDefinition.Strict]); the nulls a strict model sends for
// the properties it leaves out are dropped before the tool runs.
package goopenaiprovider
