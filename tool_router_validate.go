package composio

import (
	"fmt"
)

func (f SessionToolkitFilter) validate(field string) error {
	if (f.Enable == nil) == (f.Disable == nil) {
		return invalidParam(field, "set exactly one of Enable and Disable")
	}
	return nil
}

func (p SessionConfigParams) validate() error {
	if err := validateResets(p.Reset, map[SessionSetting]bool{
		SessionSettingConnectedAccounts: p.ConnectedAccounts != nil, SessionSettingManageConnections: p.ManageConnections != nil,
		SessionSettingWorkbench: p.Workbench != nil, SessionSettingMultiAccount: p.MultiAccount != nil, SessionSettingExperimental: p.Experimental != nil,
	}); err != nil {
		return err
	}
	if err := validateSessionFilters(p.Toolkits, p.Tools, p.ManageConnections); err != nil {
		return err
	}
	if e := p.Experimental; e != nil {
		if err := e.Permissions.validate(); err != nil {
			return err
		}
		if err := validateCustoms(e.CustomToolkits, e.CustomTools); err != nil {
			return err
		}
	}
	return nil
}

func (p SessionUpdateParams) validate() error {
	if err := validateResets(p.Reset, map[SessionSetting]bool{
		SessionSettingConnectedAccounts: p.ConnectedAccounts != nil, SessionSettingManageConnections: p.ManageConnections != nil,
		SessionSettingWorkbench: p.Workbench != nil, SessionSettingMultiAccount: p.MultiAccount != nil, SessionSettingExperimental: p.Experimental != nil,
	}); err != nil {
		return err
	}
	if err := validateSessionFilters(p.Toolkits, p.Tools, p.ManageConnections); err != nil {
		return err
	}
	if e := p.Experimental; e != nil {
		return e.Permissions.validate()
	}
	return nil
}

// validateResets checks that each reset names a resettable setting (the
// keys of set) that is not also set.
func validateResets(reset []SessionSetting, set map[SessionSetting]bool) error {
	for _, name := range reset {
		isSet, known := set[name]
		switch {
		case !known:
			return invalidParam("reset", fmt.Sprintf("%q cannot be reset", name))
		case isSet:
			return invalidParam(string(name), "set and reset at once")
		}
	}
	return nil
}

func validateSessionFilters(toolkits *SessionToolkitFilter, tools map[string]SessionToolFilter, mc *SessionManageConnections) error {
	if toolkits != nil {
		if err := toolkits.validate("toolkits"); err != nil {
			return err
		}
	}
	for slug, f := range tools {
		set := 0
		for _, on := range []bool{f.Enable != nil, f.Disable != nil, f.Tags != nil} {
			if on {
				set++
			}
		}
		if set != 1 {
			return invalidParam("tools["+slug+"]", "set exactly one of Enable, Disable and Tags")
		}
	}
	if mc != nil {
		set := map[ManageConnectionsSetting]bool{
			ManageConnectionsSettingEnable:                   mc.Enable != nil,
			ManageConnectionsSettingEnableWaitForConnections: mc.EnableWaitForConnections != nil,
			ManageConnectionsSettingEnableConnectionRemoval:  mc.EnableConnectionRemoval != nil,
		}
		for _, name := range mc.Reset {
			isSet, known := set[name]
			switch {
			case !known:
				return invalidParam("manage_connections.reset", fmt.Sprintf("%q cannot be reset", name))
			case isSet:
				return invalidParam("manage_connections."+string(name), "set and reset at once")
			}
		}
	}
	return nil
}

func (p *SessionPermissions) validate() error {
	if p != nil && p.Default == "" {
		return invalidParam("experimental.permissions.default", "must not be empty")
	}
	return nil
}

// validateCustoms checks the fields the API requires of custom toolkits
// and tools.
func validateCustoms(toolkits []SessionCustomToolkit, tools []SessionCustomTool) error {
	for i, tk := range toolkits {
		field := fmt.Sprintf("experimental.custom_toolkits[%d]", i)
		switch {
		case tk.Slug == "":
			return invalidParam(field+".slug", "must not be empty")
		case tk.Name == "":
			return invalidParam(field+".name", "must not be empty")
		case tk.Description == "":
			return invalidParam(field+".description", "must not be empty")
		case len(tk.Tools) == 0:
			return invalidParam(field+".tools", "must not be empty")
		}
		for j, t := range tk.Tools {
			if err := t.validate(fmt.Sprintf("%s.tools[%d]", field, j)); err != nil {
				return err
			}
		}
	}
	for i, t := range tools {
		if err := t.validate(fmt.Sprintf("experimental.custom_tools[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

func (t SessionCustomTool) validate(field string) error {
	switch {
	case t.Slug == "":
		return invalidParam(field+".slug", "must not be empty")
	case t.Name == "":
		return invalidParam(field+".name", "must not be empty")
	case t.Description == "":
		return invalidParam(field+".description", "must not be empty")
	case t.InputSchema == nil:
		return invalidParam(field+".input_schema", "must not be nil")
	}
	return nil
}

func (in *SessionInline) validate() error {
	if in == nil {
		return nil
	}
	return validateCustoms(in.CustomToolkits, in.CustomTools)
}
