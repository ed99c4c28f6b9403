package composiotest

import (
	"bytes"
	"context"
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

const apiPrefix = "/api/v3.1"

// Credential headers (the operations table's names).
const (
	hdrAPIKey  = ops.HeaderAPIKey
	hdrUserKey = ops.HeaderUserAPIKey
	hdrOrgKey  = ops.HeaderOrgAPIKey
)

type router struct{ f *Fake }

// mount serves the routes of the table, each the way its kind says.
func (rt *router) mount(routes []route) {
	f := rt.f
	for _, r := range routes {
		switch r.kind {
		case servesAPI, servesSDK, servesPage:
			rt.handle(r.pattern, r.auth.Headers(), r.handler)
		case servesSocket:
			f.mux.HandleFunc(r.pattern, r.handler)
		case servesAdmin:
			f.adminRoutes = append(f.adminRoutes, r.pattern)
			h := r.handler
			f.mux.HandleFunc(r.pattern, func(w http.ResponseWriter, req *http.Request) {
				if f.authorize(w, req, r.auth.Headers()) {
					h(w, req)
				}
			})
		}
	}
	rt.fallback()
}

// handle serves pattern ("GET /api/v3.1/toolkits/{slug}") for callers that
// present one of the accepted credentials; nil accepts anyone. The handler
// runs with f.mu held, but never waits on the network while holding it:
// the request body is read before (API bodies already are, by the request
// log) and the answer is buffered and sent after, so a client that stalls
// sending or stops reading holds up only itself.
func (rt *router) handle(pattern string, accepted []string, h http.HandlerFunc) {
	f := rt.f
	f.routes = append(f.routes, pattern)
	rt.f.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if accepted != nil && !f.authorize(w, r, accepted) {
			return
		}
		if !strings.HasPrefix(r.URL.Path, apiPrefix+"/") {
			data, _ := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
			r.Body = io.NopCloser(bytes.NewReader(data))
		}
		bw := &bufferedWriter{ResponseWriter: w}
		func() {
			f.mu.Lock()
			defer f.mu.Unlock()
			h(bw, r)
		}()
		bw.flush()
	})
}

// bufferedWriter holds a handler's answer until flush sends it.
type bufferedWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

func (b *bufferedWriter) flush() {
	if b.status == 0 {
		return // nothing written: net/http answers 200 with no body
	}
	b.ResponseWriter.WriteHeader(b.status)
	_, _ = b.body.WriteTo(b.ResponseWriter)
}

// fallback answers unknown paths with the 404 envelope, and a known path
// asked with a method it does not serve with 405 and the methods it does.
func (rt *router) fallback() {
	mux := rt.f.mux
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		var allowed []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
			if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/" {
				allowed = append(allowed, m)
			}
		}
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeError(w, r, http.StatusMethodNotAllowed, 405, fmt.Sprintf("Method %s not allowed on %s", r.Method, r.URL.Path),
				"Use "+strings.Join(allowed, " or ")+" for this path.")
			return
		}
		writeError(w, r, http.StatusNotFound, 404, fmt.Sprintf("Route %s %s not found", r.Method, r.URL.Path), "Check the path against the API reference.")
	})
}

// authorize checks that exactly one credential header is present, that the
// operation accepts it, and that its value is the fake's key.
func (f *Fake) authorize(w http.ResponseWriter, r *http.Request, accepted []string) bool {
	keys := map[string]string{hdrAPIKey: f.APIKey, hdrUserKey: f.UserAPIKey, hdrOrgKey: f.OrgAPIKey}
	var present []string
	for name := range keys {
		if r.Header.Get(name) != "" {
			present = append(present, name)
		}
	}
	switch {
	case len(present) == 0:
		writeError(w, r, http.StatusUnauthorized, 1001, "API key is missing", fmt.Sprintf("Send your key in the %s header.", strings.Join(accepted, " or ")))
		return false
	case len(present) > 1:
		writeError(w, r, http.StatusUnauthorized, 1002, "Multiple credentials sent; send exactly one of "+strings.Join(accepted, ", "), "Remove all but one credential header.")
		return false
	}
	name := present[0]
	ok := false
	for _, a := range accepted {
		ok = ok || a == name
	}
	if !ok {
		writeError(w, r, http.StatusUnauthorized, 1003, fmt.Sprintf("This operation does not accept %s", name), fmt.Sprintf("Send %s instead.", strings.Join(accepted, " or ")))
		return false
	}
	if subtle.ConstantTimeCompare([]byte(r.Header.Get(name)), []byte(keys[name])) != 1 {
		writeError(w, r, http.StatusUnauthorized, 1004, "Invalid API key", "Check the key in your Composio dashboard (for the fake: the key it printed).")
		return false
	}
	return true
}

// request ids

var requestCounter atomic.Uint64

type requestIDKey struct{}

func (f *Fake) nextRequestID() string {
	return fmt.Sprintf("req_%012d", requestCounter.Add(1))
}

func withRequestID(r *http.Request, id string) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
}

func requestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey{}).(string)
	return id
}
