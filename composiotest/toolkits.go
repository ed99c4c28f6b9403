package composiotest

import (
	"net/http"
	"slices"
	"strings"
)

// toolkitState holds the toolkit catalog.
type toolkitState struct {
	bySlug map[string]*fakeToolkit
	order  []*fakeToolkit
}

func (s *toolkitState) seed(*Fake) {
	s.bySlug = map[string]*fakeToolkit{}
	for _, t := range append(seedToolkits(), seedFileToolkit()) {
		s.bySlug[t.Slug] = t
		s.order = append(s.order, t)
	}
}

// toolkit finds a toolkit by slug, in any case. The caller holds f.mu.
func (f *Fake) toolkit(slug string) (*fakeToolkit, bool) {
	t, ok := f.toolkits().bySlug[strings.ToLower(slug)]
	return t, ok
}

// toolCount is how many tools of the catalog belong to toolkit, so that
// tools_count agrees with what listing the tools returns.
func (f *Fake) toolCount(toolkit string) int {
	n := 0
	for _, t := range f.tools().order {
		if t.ToolkitSlug == toolkit {
			n++
		}
	}
	return n
}

// toolkitFilter is what both list endpoints filter by.
type toolkitFilter struct {
	slugs             []string
	category          string
	managedBy, kind   string
	sortBy, search    string
	includeDeprecated bool
}

func (f *Fake) listToolkits(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	deprecated, ok := queryBool(r, "include_deprecated")
	if !ok {
		badRequest(w, r, "include_deprecated must be true or false")
		return
	}
	flt := toolkitFilter{category: q.Get("category"), managedBy: q.Get("managed_by"), kind: q.Get("type"),
		sortBy: q.Get("sort_by"), search: q.Get("search"), includeDeprecated: deprecated != nil && *deprecated}
	items, ok := f.filterToolkits(w, r, flt)
	if ok {
		paginate(w, r, items, maxToolsPage)
	}
}

func (f *Fake) listToolkitsMulti(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Toolkits  []string `json:"toolkits"`
		Category  string   `json:"category"`
		ManagedBy string   `json:"managed_by"`
		SortBy    string   `json:"sort_by"`
		Limit     *int     `json:"limit"`
		Cursor    string   `json:"cursor"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	items, ok := f.filterToolkits(w, r, toolkitFilter{slugs: body.Toolkits, category: body.Category, managedBy: body.ManagedBy, sortBy: body.SortBy})
	if !ok {
		return
	}
	limit := ""
	if body.Limit != nil {
		limit = itoa(*body.Limit)
	}
	paginateWith(w, r, items, limit, body.Cursor, maxToolsPage)
}

func (f *Fake) filterToolkits(w http.ResponseWriter, r *http.Request, flt toolkitFilter) (listing[toolkitJSON], bool) {
	if !oneOf(w, r, "managed_by", flt.managedBy, "composio", "all", "project") ||
		!oneOf(w, r, "type", flt.kind, "native", "custom", "all") ||
		!oneOf(w, r, "sort_by", flt.sortBy, "usage", "alphabetically") {
		return listing[toolkitJSON]{}, false
	}
	list := slices.Clone(f.toolkits().order)
	if flt.sortBy == "alphabetically" {
		slices.SortStableFunc(list, func(a, b *fakeToolkit) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	} else {
		slices.SortStableFunc(list, func(a, b *fakeToolkit) int { return b.Usage - a.Usage })
	}
	search := strings.ToLower(flt.search)
	var items listing[toolkitJSON]
	for i, t := range list { // the sorted catalog: positions never shift
		switch {
		case t.Deprecated && !flt.includeDeprecated && len(flt.slugs) == 0,
			!matches(flt.slugs, t.Slug),
			flt.category != "" && !slices.ContainsFunc(t.Categories, func(c category) bool { return c.ID == flt.category }),
			flt.managedBy == "composio" && len(t.ManagedSchemes) == 0,
			flt.managedBy == "project", // the fake has no custom toolkits
			flt.kind == "custom",
			search != "" && !strings.Contains(strings.ToLower(t.Slug+" "+t.Name+" "+t.Description), search):
			continue
		}
		items.add(posKey(i), toolkitListItem(t, f.toolCount(t.Slug)))
	}
	return items, true
}

// oneOf answers 400 unless v is empty or one of allowed.
func oneOf(w http.ResponseWriter, r *http.Request, name, v string, allowed ...string) bool {
	if v == "" || slices.Contains(allowed, v) {
		return true
	}
	badRequest(w, r, name+" must be one of "+strings.Join(allowed, ", "), name+": Invalid enum value '"+v+"'")
	return false
}

func (f *Fake) listToolkitCategories(w http.ResponseWriter, r *http.Request) {
	items := make([]map[string]string, 0, len(allCategories))
	for _, c := range allCategories {
		items = append(items, map[string]string{"id": c.ID, "name": c.Name})
	}
	writeJSON(w, http.StatusOK, pageOf(listOf(items), "", len(items)))
}

func (f *Fake) toolkitChangelog(w http.ResponseWriter, r *http.Request) {
	type version struct {
		Version   string `json:"version"`
		Changelog string `json:"changelog"`
	}
	type entry struct {
		Slug        string    `json:"slug"`
		Name        string    `json:"name"`
		DisplayName string    `json:"display_name"`
		Versions    []version `json:"versions"`
	}
	items := []entry{}
	for _, t := range f.toolkits().order {
		e := entry{Slug: t.Slug, Name: t.Slug, DisplayName: t.Name}
		for i := len(t.Versions) - 1; i >= 0; i-- {
			note := "Initial release."
			if i > 0 {
				note = "Improved tool descriptions and input validation."
			}
			e.Versions = append(e.Versions, version{Version: t.Versions[i], Changelog: note})
		}
		items = append(items, e)
	}
	writeJSON(w, http.StatusOK, itemsWire[entry]{items})
}

func (f *Fake) getToolkit(w http.ResponseWriter, r *http.Request) {
	t, ok := find(w, r, resToolkit, r.PathValue("slug"), f.toolkit)
	if !ok {
		return
	}
	if v := r.URL.Query().Get("version"); v != "" && v != "latest" && !slices.Contains(t.Versions, v) {
		writeError(w, r, http.StatusNotFound, 1401, "Version "+v+" of toolkit "+t.Slug+" not found", "Use one of: "+strings.Join(t.Versions, ", "))
		return
	}
	writeJSON(w, http.StatusOK, toolkitDetails(t, f.toolCount(t.Slug)))
}
