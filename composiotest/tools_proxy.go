package composiotest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// proxyTool answers a proxied request with what it would have sent
// upstream (method, URL, headers, query, body), so tests can check exactly
// what their code asked for.
func (f *Fake) proxyTool(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ConnectedAccountID string          `json:"connected_account_id"`
		Endpoint           string          `json:"endpoint"`
		Method             string          `json:"method"`
		Body               json.RawMessage `json:"body"`
		BinaryBody         map[string]any  `json:"binary_body"`
		Parameters         []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
			Type  string `json:"type"`
		} `json:"parameters"`
		CustomConnectionData *struct {
			AuthScheme  string `json:"authScheme"`
			ToolkitSlug string `json:"toolkitSlug"`
		} `json:"custom_connection_data"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "endpoint", body.Endpoint, "method", body.Method) ||
		!oneOf(w, r, "method", body.Method, "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD") {
		return
	}
	var toolkit string
	switch {
	case body.ConnectedAccountID != "":
		a, ok := lookup(w, r, resAccountAny, f.accounts().byID, body.ConnectedAccountID)
		if !ok {
			return
		}
		if a.Status != "ACTIVE" {
			writeError(w, r, http.StatusBadRequest, 1810, "Connected account "+a.ID+" is "+a.Status+", not ACTIVE", "Reconnect the account, or enable it.")
			return
		}
		toolkit = a.ToolkitSlug
	case body.CustomConnectionData != nil:
		toolkit = strings.ToLower(body.CustomConnectionData.ToolkitSlug)
	default:
		badRequest(w, r, "connected_account_id is required", "connected_account_id: Required")
		return
	}
	target := body.Endpoint
	if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		base := "https://api.example.com"
		if tk, ok := f.toolkit(toolkit); ok && tk.BaseURL != "" {
			base = tk.BaseURL
		}
		target = strings.TrimRight(base, "/") + "/" + strings.TrimLeft(target, "/")
	}
	headers, query := map[string]string{}, url.Values{}
	for _, p := range body.Parameters {
		switch p.Type {
		case "header":
			headers[p.Name] = p.Value
		case "query":
			query.Add(p.Name, p.Value)
		default:
			badRequest(w, r, "parameters: type must be header or query", "parameters.type: Invalid enum value '"+p.Type+"'")
			return
		}
	}
	if len(query) > 0 {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		target += sep + query.Encode()
	}
	received := map[string]any{
		"method": body.Method, "endpoint": body.Endpoint, "url": target, "headers": headers,
		"query": query, "connected_account_id": body.ConnectedAccountID, "toolkit": toolkit,
	}
	if len(body.Body) > 0 {
		received["body"] = body.Body
	}
	if body.Parameters != nil {
		received["parameters"] = body.Parameters
	}
	if body.BinaryBody != nil {
		received["binary_body"] = body.BinaryBody
	}
	out := proxyAnswerWire{Status: http.StatusOK, Headers: map[string]string{"content-type": "application/json", "x-fake-proxy": "echo"}}
	if body.Method != "HEAD" {
		out.Data = received
	}
	writeJSON(w, http.StatusOK, out)
}
