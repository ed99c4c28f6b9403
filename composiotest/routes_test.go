package composiotest

import (
	"slices"
	"strings"
	"testing"

	"github.com/ComposioHQ/composio-go/internal/ops"
	"github.com/stretchr/testify/assert"
)

// Every operation of the contract has exactly one route, bar the listed
// non-public ones; every API route names an operation of the table; the
// routes that are not the API name none and stay off its paths.
func TestRouteTableServesEveryOperation(t *testing.T) {
	table := routeTable(New(Config{}))
	served := map[*ops.Op]int{}
	for _, r := range table {
		if r.kind != servesAPI {
			continue
		}
		if !assert.NotNil(t, r.op, "API route %s names no operation", r.pattern) {
			continue
		}
		assert.True(t, slices.Contains(ops.All(), r.op), "%s names %s, which is not an entry of the table", r.pattern, r.op.Name)
		assert.Equal(t, r.op.Pattern(), r.pattern, "%s: the entry gives the pattern", r.op.Name)
		assert.Equal(t, r.op.Auth, r.auth, "%s: the entry gives the credential", r.op.Name)
		served[r.op]++
	}
	for _, op := range ops.All() {
		switch {
		case slices.Contains(notServed, op):
			assert.Zero(t, served[op], "%s is served: take it off notServed", op.Name)
			assert.False(t, op.Public, "%s is public: the fake must serve it", op.Name)
		default:
			assert.Equal(t, 1, served[op], "%s (%s) must have exactly one route", op.Name, op.Pattern())
		}
	}
	for _, r := range table {
		if r.kind == servesAPI {
			continue
		}
		method, path, _ := strings.Cut(r.pattern, " ")
		assert.Nil(t, ops.Lookup(method, path), "%s is an operation: serve it with serve(ops.X, ...)", r.pattern)
		assert.False(t, strings.HasPrefix(path, ops.Prefix+"/"), "%s: a route that is not the API stays off its paths", r.pattern)
	}
}
