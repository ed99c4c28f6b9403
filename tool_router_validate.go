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
	for _, name := range p.Reset {
		set := map[SessionSetting]bool{
			SessionSettingConnectedAccounts: p.ConnectedAccounts != nil, SessionSettingManageConnections: p.ManageConnections != nil,
			SessionSettingWorkbench: p.Workbench != nil, SessionSettingMultiAccount: p.MultiAccount != nil, SessionSettingExperimental: p.Experimental != nil,
		}
		isSet, known := set[name]
		switch {
		case !known:
			return invalidParam("reset", fmt.Sprintf("%q cannot be reset", name))
		case isSet:
			return invalidParam(string(name), "set and reset at once")
		}
	}
	if p.Toolkits != nil {
		if err := p.Toolkits.validate("toolkits"); err != nil {
			return err
		}
	}
	if e := p.Experimental; e != nil {
		if e.Permissions != nil && e.Permissions.Default == "" {
			return invalidParam("experimental.permissions.default", "must not be empty")
		}
		if err := validateCustoms(e.CustomToolkits, e.CustomTools); err != nil {
			return err
		}
	}
	for slug, f := range p.Tools {
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
