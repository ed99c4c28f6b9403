// Package openaiprovider gives a user's Composio tools to OpenAI models
// through the official Go SDK, github.com/openai/openai-go/v3, on both the
// Chat Completions and the Responses API, and runs the tool calls the model
// makes.
//
// A [composio.ToolSet] becomes the SDK's tool parameters ([ChatTools],
// [ResponsesTools]); a model answer is handled in one call
// ([HandleChatCompletion], [HandleResponse]), which runs every tool call
// through the set, concurrently as the set allows, and returns the SDK's
// own messages or input items, each paired with its call id, ready to
// append to the next request. [RunChat] and [RunResponses] run the whole
// loop: send, handle the calls, send the results, until the model answers.
//
//	client := openai.NewClient() // OPENAI_API_KEY
//	set, err := composioClient.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"github"}})
//	if err != nil { ... }
//	params := openai.ChatCompletionNewParams{
//		Model:    openai.ChatModelGPT5_4Mini,
//		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Star composiohq/composio")},
//		Tools:    openaiprovider.ChatTools(set),
//	}
//	for range 10 { // a bound: a model may keep calling tools
//		completion, err := client.Chat.Completions.New(ctx, params)
//		if err != nil { ... }
//		results, err := openaiprovider.HandleChatCompletion(ctx, set, completion)
//		if err != nil { ... }
//		if len(results) == 0 {
//			fmt.Println(completion.Choices[0].Message.Content)
//			break
//		}
//		params.Messages = append(params.Messages, completion.Choices[0].Message.ToParam())
//		params.Messages = append(params.Messages, results...)
//	}
//
// or, the same loop in one call:
//
//	completion, messages, err := openaiprovider.RunChat(ctx, client, set, params)
//
// # Failures
//
// A failure the model can act on (an unknown tool, arguments that are not
// JSON or that the schema refuses, a tool that ran and failed, a user
// without a connected account) goes back to the model as the call's
// result. Neither API has an error flag on tool results, so the result is
// a JSON document with an "error" member saying what went wrong, and the
// tool's data when it ran: {"error":"...","data":{...}}. A success is
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
package openaiprovider
