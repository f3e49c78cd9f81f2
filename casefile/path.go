package casefile

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/overturn/overturn/workflow"
)

// A path names one value of a case by its keys in the case file, the same
// paths workflow.Missing and the letters' gaps use: "claim.number",
// "appeals[0].filed", "claim.procedures[1].units", "eob.codes". Get and
// Set read and write the value on the typed case itself, without going
// through the case file's JSON.

var (
	typeDate  = reflect.TypeFor[workflow.Date]()
	typeMoney = reflect.TypeFor[workflow.Money]()
	typeTime  = reflect.TypeFor[time.Time]()
)

// pathStep is one key of a path: a field name, or an index in a list.
type pathStep struct {
	name  string
	index int // -1 for a name
}

// parsePath splits "appeals[0].filed" into its keys.
func parsePath(path string) ([]pathStep, error) {
	bad := fmt.Errorf("%q is not a case-file path", path)
	if path == "" {
		return nil, bad
	}
	var out []pathStep
	for seg := range strings.SplitSeq(path, ".") {
		name, rest, _ := strings.Cut(seg, "[")
		if name == "" {
			return nil, bad
		}
		out = append(out, pathStep{name: name, index: -1})
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			n, err := strconv.Atoi(idx)
			if !ok || err != nil || n < 0 || n >= MaxListItems {
				return nil, bad
			}
			out = append(out, pathStep{index: n})
			rest = strings.TrimPrefix(after, "[")
			if after != "" && !strings.HasPrefix(after, "[") {
				return nil, bad
			}
		}
	}
	return out, nil
}

// structField returns the field of struct type t whose case-file key is
// name.
func structField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); tag == name {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

// walk follows path from the case to its value. With grow, missing list
// items on the way are added (as zero values), so that the value can be
// set; without it, a missing item gives false.
func walk(c *workflow.Case, path string, grow bool) (reflect.Value, bool, error) {
	steps, err := parsePath(path)
	if err != nil {
		return reflect.Value{}, false, err
	}
	v := reflect.ValueOf(c).Elem()
	for _, st := range steps {
		switch {
		case st.index < 0 && v.Kind() == reflect.Struct && !isValue(v.Type()):
			f, ok := structField(v.Type(), st.name)
			if !ok {
				return reflect.Value{}, false, fmt.Errorf("%q is not a case-file path: there is no %q", path, st.name)
			}
			v = v.FieldByIndex(f.Index)
		case st.index >= 0 && v.Kind() == reflect.Slice:
			if st.index >= v.Len() {
				if !grow {
					return reflect.Value{}, false, nil
				}
				v.Set(reflect.AppendSlice(v, reflect.MakeSlice(v.Type(), st.index+1-v.Len(), st.index+1-v.Len())))
			}
			v = v.Index(st.index)
		default:
			return reflect.Value{}, false, fmt.Errorf("%q is not a case-file path", path)
		}
	}
	return v, true, nil
}

// Get returns the value at path as the case file writes it: text as it is,
// a date as YYYY-MM-DD, an amount as 1850.00, a time in RFC 3339, a whole
// number in digits, true or false, and a list of texts joined by ", ". An
// unknown value, or a list item the case does not have, is "".
func Get(c *workflow.Case, path string) (string, error) {
	if _, err := typeAt(path); err != nil {
		return "", err
	}
	v, ok, err := walk(c, path, false)
	if err != nil || !ok {
		return "", err
	}
	switch {
	case v.Type() == typeDate:
		return v.Interface().(workflow.Date).String(), nil
	case v.Type() == typeMoney:
		return v.Interface().(workflow.Money).String(), nil
	case v.Type() == typeTime:
		t := v.Interface().(time.Time)
		if t.IsZero() {
			return "", nil
		}
		return t.Format(time.RFC3339), nil
	}
	switch v.Kind() {
	case reflect.String:
		return v.String(), nil
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10), nil
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), nil
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			parts := make([]string, v.Len())
			for i := range v.Len() {
				parts[i] = v.Index(i).String()
			}
			return strings.Join(parts, ", "), nil
		}
	}
	return "", nil
}

// Set stores v at path, adding the list items on the way when the case
// has fewer (up to MaxListItems). v is a string (for text and for the
// choices of the case file, "medical-necessity"), a []string, an int, a
// bool, a workflow.Date, a workflow.Money or a time.Time, of the kind the
// path holds; nil clears the value. On an error the case is not changed.
func Set(c *workflow.Case, path string, v any) error {
	t, err := typeAt(path)
	if err != nil {
		return err
	}
	src := reflect.Zero(t)
	if v != nil {
		if src, err = convert(reflect.ValueOf(v), t); err != nil {
			return fmt.Errorf("%s holds %s, not %s", path, kindWords(t), kindWords(reflect.TypeOf(v)))
		}
	}
	dst, _, err := walk(c, path, true)
	if err != nil {
		return err
	}
	dst.Set(src)
	return nil
}

// convert returns src as a value of type t: the same type, a string for
// a choice of the case file, or a list of strings for a list of choices.
func convert(src reflect.Value, t reflect.Type) (reflect.Value, error) {
	switch {
	case src.Type() == t:
		return src, nil
	case src.Kind() == reflect.String && t.Kind() == reflect.String:
		return src.Convert(t), nil
	case src.Kind() == reflect.Slice && t.Kind() == reflect.Slice && src.Type().Elem().Kind() == reflect.String &&
		t.Elem().Kind() == reflect.String:
		out := reflect.MakeSlice(t, src.Len(), src.Len())
		for i := range src.Len() {
			out.Index(i).Set(src.Index(i).Convert(t.Elem()))
		}
		return out, nil
	}
	return reflect.Value{}, errors.New("wrong kind")
}

// typeAt returns the type of the single value at path: a text, a number,
// a date, a list of texts... and an error for a path no case has, or one
// that names a group of values.
func typeAt(path string) (reflect.Type, error) {
	steps, err := parsePath(path)
	if err != nil {
		return nil, err
	}
	t := reflect.TypeFor[workflow.Case]()
	for _, st := range steps {
		switch {
		case st.index < 0 && t.Kind() == reflect.Struct && !isValue(t):
			f, ok := structField(t, st.name)
			if !ok {
				return nil, fmt.Errorf("%q is not a case-file path: there is no %q", path, st.name)
			}
			t = f.Type
		case st.index >= 0 && t.Kind() == reflect.Slice:
			t = t.Elem()
		default:
			return nil, fmt.Errorf("%q is not a case-file path", path)
		}
	}
	single := isValue(t) || t.Kind() == reflect.String || t.Kind() == reflect.Int || t.Kind() == reflect.Bool ||
		t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String
	if !single {
		return nil, fmt.Errorf("%q is not a single value: name one of its keys", path)
	}
	return t, nil
}

// isValue reports whether t is a struct the case file writes as one value.
func isValue(t reflect.Type) bool { return t == typeDate || t == typeMoney || t == typeTime }

// kindWords says what a case-file value holds, for an error.
func kindWords(t reflect.Type) string {
	switch {
	case t == typeDate:
		return "a date"
	case t == typeMoney:
		return "an amount"
	case t == typeTime:
		return "a date and time"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	}
	return t.String()
}

// Check reports whether path names a single value of a case (a list of
// texts, such as eob.codes, counts as one), and if not, why.
func Check(path string) error {
	_, err := typeAt(path)
	return err
}

// Clone returns a deep copy of c: no list or map is shared with it.
func Clone(c *workflow.Case) *workflow.Case {
	if c == nil {
		return nil
	}
	cp := reflect.New(reflect.TypeFor[workflow.Case]()).Elem()
	deepCopy(cp, reflect.ValueOf(*c))
	out := cp.Interface().(workflow.Case)
	return &out
}

// deepCopy sets dst to a copy of src sharing no list or map with it.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Struct:
		if isValue(src.Type()) {
			dst.Set(src)
			return
		}
		for i := range src.NumField() {
			deepCopy(dst.Field(i), src.Field(i))
		}
	case reflect.Slice:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		out := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			deepCopy(out.Index(i), src.Index(i))
		}
		dst.Set(out)
	case reflect.Map:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		out := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), it.Value())
		}
		dst.Set(out)
	default:
		dst.Set(src)
	}
}
