// Package langchainprovider puts a user's Composio tools into LangChainGo
// (github.com/tmc/langchaingo), in both directions, with LangChainGo's own
// types.
//
// A [composio.ToolSet] becomes the []llms.Tool of a GenerateContent call
// ([Tools]), and the tool calls of the model's answer (the []llms.ToolCall
// of its choices, which some backends split one turn into) run through
// [composio.ToolSet.Handle] ([HandleResponse], or [HandleToolCalls] for
// one *llms.ContentChoice), which returns the messages to append to the
// conversation: the model's turn, then one tool-role llms.MessageContent
// holding an llms.ToolCallResponse per call, paired with it by call id.
// [Run] is the whole loop; [AgentTools] gives each tool as a tools.Tool for
// LangChainGo's agents.
//
// # A tool-calling loop
//
//	set, err := client.Tools.ForUser(ctx, "user_1", composio.ToolSetParams{Toolkits: []string{"github"}})
//	if err != nil { ... }
//	llm, err := openai.New() // or any llms.Model
//	if err != nil { ... }
//	history := []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "Star my repository")}
//	for {
//		resp, err := llm.GenerateContent(ctx, history, llms.WithTools(langchainprovider.Tools(set)))
//		if err != nil { ... }
//		msgs, err := langchainprovider.HandleResponse(ctx, set, resp)
//		if err != nil { ... } // the program's fault: key refused, API down, ctx ended
//		if msgs == nil { // no tool called: the answer
//			fmt.Println(resp.Choices[0].Content)
//			break
//		}
//		history = append(history, msgs...)
//	}
//
// or, the same loop in one call:
//
//	history, answer, err := langchainprovider.Run(ctx, llm, set, history, 8)
//
// # Failures
//
// A failure the model can fix (a tool that failed, arguments the schema
// rejects, an unknown tool name) is a tool result like any other: its
// content is a JSON document with an "error" member, the only way
// llms.ToolCallResponse has to say so. Handle's Go error (the key refused,
// the API unreachable, the context ended) is returned instead, with the
// messages of every call so that a caller may still show what ran.
//
// # Schemas
//
// Each tool's Parameters is its JSON schema as a map[string]any (numbers as
// json.Number, so they keep their text), the form every LangChainGo backend
// accepts. Descriptions are cut to the 1024 characters OpenAI accepts.
package langchainprovider
