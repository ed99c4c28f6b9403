package ops

// The endpoints outside v3.1 that the SDK calls: the realtime ones the
// official SDKs call on /api/v3 to subscribe to trigger events
// (triggers_subscribe.go). No contract file lists them, so they are written
// here by hand; their Path is the whole path from the API root.

// RealtimeCredentials answers the Pusher key, cluster and project id.
var RealtimeCredentials = &Op{Name: "RealtimeCredentials", Method: "GET", Path: "/api/v3/internal/sdk/realtime/credentials", Auth: AuthProjectOrUser, OffTable: true}

// RealtimeAuth signs a socket's subscription to a private channel (a form
// body: socket_id, channel_name).
var RealtimeAuth = &Op{Name: "RealtimeAuth", Method: "POST", Path: "/api/v3/internal/sdk/realtime/auth", Auth: AuthProjectOrUser, OffTable: true}

// OffTable lists the endpoints outside v3.1.
var OffTable = []*Op{RealtimeCredentials, RealtimeAuth}
