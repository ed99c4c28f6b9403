package composiotest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// APIError is the inside of the API's error envelope,
// {"error": {"message": ..., "code": ..., "status": ..., "request_id": ...}},
// which composio.Error decodes.
type APIError struct {
	Message string `json:"message"`
	// Code is Composio's numeric error code (1803 for a validation error,
	// for example); the HTTP status goes in Status.
	Code int `json:"code"`
	// Status is the HTTP status; WriteError sets it.
	Status int `json:"status"`
	// RequestID is the request's id; WriteError fills it in when empty.
	RequestID    string   `json:"request_id"`
	SuggestedFix string   `json:"suggested_fix,omitempty"`
	Errors       []string `json:"errors,omitempty"`
}

// WriteError answers with status and the API's error envelope around e, as
// the fake does, so a handler of your own (a fake of another service, an
// httptest.Server in a test) answers errors the way Composio does. An empty
// e.RequestID takes the request's id: the fake's, else the X-Request-Id
// already set on w, else a new one, which is also sent as X-Request-Id. r
// may be nil.
func WriteError(w http.ResponseWriter, r *http.Request, status int, e APIError) {
	e.Status = status
	if e.RequestID == "" && r != nil {
		e.RequestID = requestID(r)
	}
	if e.RequestID == "" {
		e.RequestID = w.Header().Get("X-Request-Id")
	}
	if e.RequestID == "" {
		e.RequestID = fmt.Sprintf("req_%012d", requestCounter.Add(1))
		w.Header().Set("X-Request-Id", e.RequestID)
	}
	writeJSON(w, status, struct {
		Error APIError `json:"error"`
	}{e})
}

// writeError answers with the error envelope. code is Composio's numeric
// error code.
func writeError(w http.ResponseWriter, r *http.Request, status, code int, message, fix string, details ...string) {
	WriteError(w, r, status, APIError{Message: message, Code: code, SuggestedFix: fix, Errors: details})
}

// notFound answers 404 for the named resource.
func notFound(w http.ResponseWriter, r *http.Request, kind, id string) {
	writeError(w, r, http.StatusNotFound, 404, fmt.Sprintf("%s %q not found", kind, id), fmt.Sprintf("Check the %s id; list them to see what exists.", kind))
}

// badRequest answers 400 with a validation message.
func badRequest(w http.ResponseWriter, r *http.Request, message string, details ...string) {
	writeError(w, r, http.StatusBadRequest, 1803, message, "Fix the request parameters and try again.", details...)
}

const maxBody = 10 << 20

// decodeBody reads a JSON request body into v, answering 400 itself when it
// cannot. An empty body decodes to v unchanged.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		badRequest(w, r, "could not read request body")
		return false
	}
	if len(data) > maxBody {
		writeError(w, r, http.StatusRequestEntityTooLarge, 1805, "request body too large", "Send less than 10 MiB.")
		return false
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return true
	}
	if err := json.Unmarshal(data, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			badRequest(w, r, fmt.Sprintf("invalid type for field %q: expected %s", typeErr.Field, typeErr.Type), err.Error())
			return false
		}
		badRequest(w, r, "request body is not valid JSON", err.Error())
		return false
	}
	return true
}

// requireFields answers 400 naming the first empty required field.
func requireFields(w http.ResponseWriter, r *http.Request, fields ...string) bool {
	for i := 0; i+1 < len(fields); i += 2 {
		if strings.TrimSpace(fields[i+1]) == "" {
			badRequest(w, r, fmt.Sprintf("%s is required", fields[i]), fields[i]+": Required")
			return false
		}
	}
	return true
}

// revokeOnDelete reads the revoke_on_delete flag of the delete operations,
// answering 400 itself when it is not a boolean.
func revokeOnDelete(w http.ResponseWriter, r *http.Request) (revoke, ok bool) {
	v, ok := queryBool(r, "revoke_on_delete")
	if !ok {
		badRequest(w, r, "revoke_on_delete must be true or false")
		return false, false
	}
	return v != nil && *v, true
}
