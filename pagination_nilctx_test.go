package composio_test

import (
	"context"
	"iter"
	"reflect"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// firstOf runs seq to its first yield and returns that error.
func firstOf[T any](seq iter.Seq2[T, error]) (err error) {
	for _, e := range seq {
		return e
	}
	return nil
}

// TestIteratorsRefuseNilContext holds every auto-paging method to the rule
// of the single-page calls: a nil context is ErrInvalidParams, yielded once,
// with nothing sent, and never a panic.
func TestIteratorsRefuseNilContext(t *testing.T) {
	w := newWire(t, 200, `{"items":[]}`)
	c := w.client()
	var ctx context.Context // nil: the point of the test
	iterators := map[string]func() error{
		"AuthConfigs.ListAll":           func() error { return firstOf(c.AuthConfigs.ListAll(ctx, composio.AuthConfigListParams{})) },
		"ConnectedAccounts.ListAll":     func() error { return firstOf(c.ConnectedAccounts.ListAll(ctx, composio.ConnectedAccountListParams{})) },
		"Files.ListAll":                 func() error { return firstOf(c.Files.ListAll(ctx, composio.FileListParams{})) },
		"Logs.ListToolExecutionsAll":    func() error { return firstOf(c.Logs.ListToolExecutionsAll(ctx, composio.LogListParams{})) },
		"MCP.ListAll":                   func() error { return firstOf(c.MCP.ListAll(ctx, composio.MCPServerListParams{})) },
		"MCP.ListForToolkitAll":         func() error { return firstOf(c.MCP.ListForToolkitAll(ctx, "github", composio.MCPServerListParams{})) },
		"MCP.ListInstancesAll":          func() error { return firstOf(c.MCP.ListInstancesAll(ctx, "srv_1", composio.MCPInstanceListParams{})) },
		"Projects.ListAll":              func() error { return firstOf(c.Projects.ListAll(ctx, composio.ProjectListParams{})) },
		"Projects.ListOrganizationsAll": func() error { return firstOf(c.Projects.ListOrganizationsAll(ctx, composio.OrganizationListParams{})) },
		"Projects.ListAccessibleAll": func() error {
			return firstOf(c.Projects.ListAccessibleAll(ctx, composio.ProjectListAccessibleParams{}))
		},
		"ToolRouter.ListConfigHistoryAll": func() error {
			return firstOf(c.ToolRouter.ListConfigHistoryAll(ctx, "trs_1", composio.SessionConfigHistoryParams{}))
		},
		"ToolRouter.ListToolsAll": func() error {
			return firstOf(c.ToolRouter.ListToolsAll(ctx, "trs_1", composio.SessionToolListParams{}))
		},
		"ToolRouter.ListToolkitsAll": func() error {
			return firstOf(c.ToolRouter.ListToolkitsAll(ctx, "trs_1", composio.SessionToolkitListParams{}))
		},
		"ToolRouter.ListFilesAll": func() error {
			return firstOf(c.ToolRouter.ListFilesAll(ctx, "trs_1", "mnt_1", composio.SessionFileListParams{}))
		},
		"Toolkits.ListAll": func() error { return firstOf(c.Toolkits.ListAll(ctx, composio.ToolkitListParams{})) },
		"Toolkits.ListBySlugsAll": func() error {
			return firstOf(c.Toolkits.ListBySlugsAll(ctx, composio.ToolkitListBySlugsParams{}))
		},
		"Toolkits.ListMultiAll":  func() error { return firstOf(c.Toolkits.ListMultiAll(ctx, composio.ToolkitListMultiParams{})) },
		"Tools.ListAll":          func() error { return firstOf(c.Tools.ListAll(ctx, composio.ToolListParams{})) },
		"Triggers.ListTypesAll":  func() error { return firstOf(c.Triggers.ListTypesAll(ctx, composio.TriggerTypeListParams{})) },
		"Triggers.ListActiveAll": func() error { return firstOf(c.Triggers.ListActiveAll(ctx, composio.TriggerListActiveParams{})) },
		"Webhooks.ListSubscriptionsAll": func() error {
			return firstOf(c.Webhooks.ListSubscriptionsAll(ctx, composio.WebhookSubscriptionListParams{}))
		},
	}

	// The table must name every iterator the client offers.
	var offered []string
	cv := reflect.ValueOf(c).Elem()
	for i := range cv.NumField() {
		f := cv.Type().Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer || !strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			continue
		}
		for j := range f.Type.NumMethod() {
			m := f.Type.Method(j)
			if m.Type.NumOut() == 1 && strings.HasPrefix(m.Type.Out(0).String(), "iter.Seq2[") {
				offered = append(offered, f.Name+"."+m.Name)
			}
		}
	}
	var tabled []string
	for name := range iterators {
		tabled = append(tabled, name)
	}
	require.ElementsMatch(t, offered, tabled, "every iterator needs a row")

	_, want := c.Toolkits.List(ctx, composio.ToolkitListParams{})
	require.ErrorIs(t, want, composio.ErrInvalidParams)
	for name, run := range iterators {
		t.Run(name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = run() })
			require.ErrorIs(t, err, composio.ErrInvalidParams)
			assert.Equal(t, want.Error(), err.Error())
		})
	}
	assert.Empty(t, w.requests())
}
