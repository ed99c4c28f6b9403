package composiotest

// The names of the fake's seeded catalog, so tests need no slug or version
// read from the source: the toolkits, their versions (below), the tools
// and the trigger types. Tools and trigger types exist at each version of
// their toolkit. The tools of app toolkits run for a user with a connected
// account ([Fake.SeedActiveAccount]); those of ToolkitComposio and
// ToolkitHackerNews need none.
// ToolkitFileTool's tools take and return files (file_uploadable and
// file_downloadable fields), for the agent layer's file arguments.
//
// (A test checks that these constants and the catalog agree both ways: a
// toolkit, tool or trigger type added to the catalog gets its constant.)
const (
	ToolkitGitHub        = "github"
	ToolkitGmail         = "gmail"
	ToolkitSlack         = "slack"
	ToolkitNotion        = "notion"
	ToolkitLinear        = "linear"
	ToolkitComposio      = "composio"       // keyless utilities: echo, arithmetic, sleep, time
	ToolkitHackerNews    = "hackernews"     // keyless
	ToolkitClickUpLegacy = "clickup_legacy" // deprecated: listed only with include_deprecated
	ToolkitFileTool      = "filetool"       // keyless file tools
)

// The versions of the seeded toolkits: Version<Toolkit> is the latest (what
// "latest" resolves to), Version<Toolkit>Previous the one before, where
// there is one.
const (
	VersionGitHub         = "20250906_01"
	VersionGitHubPrevious = "20250801_00"
	VersionGmail          = "20250909_00"
	VersionGmailPrevious  = "20250815_00"
	VersionSlack          = "20250820_00"
	VersionNotion         = "20250903_00"
	VersionNotionPrevious = "20250811_00"
	VersionLinear         = "20250825_00"
	VersionComposio       = "20250901_00"
	VersionHackerNews     = "20250730_00"
	VersionClickUpLegacy  = "20240101_00"
	VersionFileTool       = "20250910_00"
)

// The seeded tools.
const (
	ToolComposioEcho                  = "COMPOSIO_ECHO"        // returns its arguments
	ToolComposioCalculate             = "COMPOSIO_CALCULATE"   // fails on division by zero
	ToolComposioAlwaysFail            = "COMPOSIO_ALWAYS_FAIL" // a tool-level failure, every time
	ToolComposioSleep                 = "COMPOSIO_SLEEP"       // sleeps "milliseconds", for timeouts
	ToolComposioGetCurrentTime        = "COMPOSIO_GET_CURRENT_TIME"
	ToolGitHubGetTheAuthenticatedUser = "GITHUB_GET_THE_AUTHENTICATED_USER"
	ToolGitHubCreateAnIssue           = "GITHUB_CREATE_AN_ISSUE"
	ToolGitHubListRepositoryIssues    = "GITHUB_LIST_REPOSITORY_ISSUES"
	ToolGmailSendEmail                = "GMAIL_SEND_EMAIL"
	ToolGmailFetchEmails              = "GMAIL_FETCH_EMAILS"
	ToolSlackSendMessage              = "SLACK_SEND_MESSAGE"
	ToolSlackListAllChannels          = "SLACK_LIST_ALL_CHANNELS"
	ToolSlackChatPostMessage          = "SLACK_CHAT_POST_MESSAGE" // deprecated
	ToolNotionCreateNotionPage        = "NOTION_CREATE_NOTION_PAGE"
	ToolLinearCreateLinearIssue       = "LINEAR_CREATE_LINEAR_ISSUE"
	ToolHackerNewsGetTopStories       = "HACKERNEWS_GET_TOP_STORIES"
	ToolHackerNewsGetItemWithID       = "HACKERNEWS_GET_ITEM_WITH_ID"
	ToolFileToolCountWords            = "FILETOOL_COUNT_WORDS"     // counts the words of an uploaded file
	ToolFileToolWriteTextFile         = "FILETOOL_WRITE_TEXT_FILE" // writes a file to download
)

// The seeded trigger types.
const (
	TriggerGitHubCommitEvent         = "GITHUB_COMMIT_EVENT"
	TriggerGitHubPullRequestEvent    = "GITHUB_PULL_REQUEST_EVENT"
	TriggerGitHubStarAddedEvent      = "GITHUB_STAR_ADDED_EVENT"
	TriggerGitHubIssueAddedEvent     = "GITHUB_ISSUE_ADDED_EVENT"
	TriggerGitHubLabelAddedEvent     = "GITHUB_LABEL_ADDED_EVENT"
	TriggerGitHubFollowerEvent       = "GITHUB_FOLLOWER_EVENT"
	TriggerGmailNewGmailMessage      = "GMAIL_NEW_GMAIL_MESSAGE"
	TriggerSlackReceiveMessage       = "SLACK_RECEIVE_MESSAGE"
	TriggerSlackReceiveDirectMessage = "SLACK_RECEIVE_DIRECT_MESSAGE"
	TriggerSlackReceiveThreadReply   = "SLACK_RECEIVE_THREAD_REPLY"
	TriggerSlackReceiveBotMessage    = "SLACK_RECEIVE_BOT_MESSAGE"
	TriggerSlackReceiveGroupMessage  = "SLACK_RECEIVE_GROUP_MESSAGE"
	TriggerSlackReceiveMpimMessage   = "SLACK_RECEIVE_MPIM_MESSAGE"
	TriggerSlackChannelCreated       = "SLACK_CHANNEL_CREATED"
	TriggerSlackReactionAdded        = "SLACK_REACTION_ADDED"
	TriggerSlackReactionRemoved      = "SLACK_REACTION_REMOVED"
	TriggerNotionPageAddedToDatabase = "NOTION_PAGE_ADDED_TO_DATABASE"
	TriggerNotionPageUpdatedTrigger  = "NOTION_PAGE_UPDATED_TRIGGER"
	TriggerLinearIssueCreatedTrigger = "LINEAR_ISSUE_CREATED_TRIGGER"
	TriggerLinearIssueUpdatedTrigger = "LINEAR_ISSUE_UPDATED_TRIGGER"
	TriggerLinearCommentEventTrigger = "LINEAR_COMMENT_EVENT_TRIGGER"
)
