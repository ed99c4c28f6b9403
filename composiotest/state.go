package composiotest

// state is everything the fake keeps, one named field per resource. A
// resource is created and seeded the first time a handler uses it (through
// its accessor below), so a seed that reads the clock (the log history)
// reads it when the resource is first asked for, and Reset only has to
// drop them all. The caller of an accessor holds f.mu.
type state struct {
	accounts    *accountState
	authConfigs *authConfigState
	files       *fileState
	logs        *logState
	mcp         *mcpState
	projects    *projectState
	realtime    *realtimeState
	routers     *routerState
	toolkits    *toolkitState
	tools       *toolState
	triggers    *triggerState
	webhooks    *webhookState
}

// store is implemented by every resource's state; seed fills it once, when
// first used, with f.mu held.
type store interface{ seed(f *Fake) }

// seeded returns *slot, creating and seeding it first when it is nil.
func seeded[T any, P interface {
	*T
	store
}](f *Fake, slot *P) P {
	if *slot == nil {
		*slot = P(new(T))
		(*slot).seed(f)
	}
	return *slot
}

func (f *Fake) accounts() *accountState       { return seeded(f, &f.state.accounts) }
func (f *Fake) authConfigs() *authConfigState { return seeded(f, &f.state.authConfigs) }
func (f *Fake) files() *fileState             { return seeded(f, &f.state.files) }
func (f *Fake) logs() *logState               { return seeded(f, &f.state.logs) }
func (f *Fake) mcp() *mcpState                { return seeded(f, &f.state.mcp) }
func (f *Fake) projects() *projectState       { return seeded(f, &f.state.projects) }
func (f *Fake) realtime() *realtimeState      { return seeded(f, &f.state.realtime) }
func (f *Fake) routers() *routerState         { return seeded(f, &f.state.routers) }
func (f *Fake) toolkits() *toolkitState       { return seeded(f, &f.state.toolkits) }
func (f *Fake) tools() *toolState             { return seeded(f, &f.state.tools) }
func (f *Fake) triggers() *triggerState       { return seeded(f, &f.state.triggers) }
func (f *Fake) webhooks() *webhookState       { return seeded(f, &f.state.webhooks) }
