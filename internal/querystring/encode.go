// Package querystring encodes params structs into URL queries. It follows
// go-querystring's `url` tags and delegates to it for any shape it does not
// handle itself; the common shapes (strings, numbers, booleans, their
// pointers and slices) take a cached, allocation-lean path, because query
// encoding runs on every list call.
package querystring

import (
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"

	gqs "github.com/google/go-querystring/query"
)

// Encode returns the URL-encoded query for v: a struct (or pointer to one)
// with `url` tags, or url.Values.
func Encode(v any) (string, error) {
	if vals, ok := v.(url.Values); ok {
		return vals.Encode(), nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return "", nil
		}
		rv = rv.Elem()
	}
	p := planFor(rv.Type())
	if p.fallback {
		vals, err := gqs.Values(v)
		if err != nil {
			return "", err
		}
		return vals.Encode(), nil
	}
	var b strings.Builder
	for i := range p.fields {
		p.fields[i].write(&b, rv.Field(p.fields[i].index))
	}
	return b.String(), nil
}

// field is how one struct field is written.
type field struct {
	index     int
	name      string // already query-escaped
	omitempty bool
	brackets  bool // slices as name[]=a&name[]=b
	comma     bool // slices as name=a,b
}

type plan struct {
	fields   []field
	fallback bool // a shape only go-querystring handles
}

var plans sync.Map // reflect.Type -> *plan

var encoderType = reflect.TypeFor[gqs.Encoder]()

func planFor(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	p := build(t)
	plans.Store(t, p)
	return p
}

func build(t reflect.Type) *plan {
	p := &plan{}
	if t.Kind() != reflect.Struct {
		p.fallback = true
		return p
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("url")
		if !sf.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		f := field{index: i, name: url.QueryEscape(name)}
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "omitempty":
				f.omitempty = true
			case "brackets":
				f.brackets = true
			case "comma":
				f.comma = true
			case "":
			default:
				p.fallback = true // numbered, int, unix, space, semicolon ...
			}
		}
		if sf.Anonymous || !simple(sf.Type) {
			p.fallback = true
		}
		p.fields = append(p.fields, f)
	}
	return p
}

// simple reports whether t is written by this package: scalars, pointers to
// them, and slices of them, none with a custom encoder.
func simple(t reflect.Type) bool {
	if t.Implements(encoderType) || reflect.PointerTo(t).Implements(encoderType) {
		return false
	}
	switch t.Kind() {
	case reflect.Pointer:
		return scalar(t.Elem()) && !t.Elem().Implements(encoderType)
	case reflect.Slice, reflect.Array:
		return scalar(t.Elem()) && !t.Elem().Implements(encoderType)
	}
	return scalar(t)
}

func scalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

func (f *field) write(b *strings.Builder, v reflect.Value) {
	if f.omitempty && v.IsZero() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return // a nil pointer is never sent, as go-querystring does
		}
		f.writeOne(b, f.name, v.Elem())
	case reflect.Slice, reflect.Array:
		if f.omitempty && v.Len() == 0 {
			return
		}
		if f.comma {
			sep(b)
			b.WriteString(f.name)
			b.WriteByte('=')
			for i := range v.Len() {
				if i > 0 {
					b.WriteString("%2C")
				}
				b.WriteString(url.QueryEscape(scalarString(v.Index(i))))
			}
			return
		}
		name := f.name
		if f.brackets {
			name += "%5B%5D"
		}
		for i := range v.Len() {
			f.writeOne(b, name, v.Index(i))
		}
	default:
		f.writeOne(b, f.name, v)
	}
}

func (f *field) writeOne(b *strings.Builder, name string, v reflect.Value) {
	sep(b)
	b.WriteString(name)
	b.WriteByte('=')
	b.WriteString(url.QueryEscape(scalarString(v)))
}

func sep(b *strings.Builder) {
	if b.Len() > 0 {
		b.WriteByte('&')
	}
}

func scalarString(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32:
		return strconv.FormatFloat(v.Float(), 'f', -1, 32)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	return ""
}
