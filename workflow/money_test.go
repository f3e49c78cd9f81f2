package workflow

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in    string
		cents int64
		known bool
		err   string
	}{
		{"", 0, false, ""},
		{"   ", 0, false, ""},
		{"0", 0, true, ""},
		{"0.00", 0, true, ""},
		{"1850", 185000, true, ""},
		{"1850.5", 185050, true, ""},
		{"1850.05", 185005, true, ""},
		{"1,850.00", 185000, true, ""},
		{"$1850.00", 185000, true, ""},
		{" $1,850.25 ", 185025, true, ""},
		{".5", 50, true, ""},
		{"10000000000", 1_000_000_000_000, true, ""},
		{"-5", 0, false, "is negative: enter the amount without a minus sign"},
		{"$-5", 0, false, "is negative"},
		{"1850.", 0, false, "is not an amount: write it like 1850.00"},
		{"1850.255", 0, false, "has more than two decimals"},
		{"12a", 0, false, "is not an amount"},
		{"1.2.3", 0, false, "is not an amount"},
		{"$", 0, false, "is not an amount"},
		{",", 0, false, "is not an amount"},
		{"$,", 0, false, "is not an amount"},
		{"1e3", 0, false, "is not an amount"},
		{"+5", 0, false, "is not an amount"},
		{"10000000000.01", 0, false, "too large to be a claim amount"},
		{"9999999999999", 0, false, "too large"},
		{"99999999999999999999", 0, false, "too large"},
	}
	for _, tt := range tests {
		m, err := ParseMoney(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseMoney(%q) error = %v, want it to contain %q", tt.in, err, tt.err)
			}
			if m.Known() {
				t.Errorf("ParseMoney(%q) returned a known amount with an error", tt.in)
			}
			continue
		}
		if err != nil || m.Known() != tt.known || m.Cents() != tt.cents {
			t.Errorf("ParseMoney(%q) = %d known %v, %v; want %d known %v", tt.in, m.Cents(), m.Known(), err, tt.cents, tt.known)
		}
	}
}

func TestMoneyFormats(t *testing.T) {
	tests := []struct {
		m            Money
		str, dollars string
	}{
		{Money{}, "", ""},
		{Cents(0), "0.00", "$0.00"},
		{Cents(5), "0.05", "$0.05"},
		{Cents(185000), "1850.00", "$1,850.00"},
		{Cents(123456789), "1234567.89", "$1,234,567.89"},
		{Cents(-4000), "-40.00", "-$40.00"},
		{Cents(100000), "1000.00", "$1,000.00"},
		{Cents(99999), "999.99", "$999.99"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.str {
			t.Errorf("String(%d) = %q, want %q", tt.m.Cents(), got, tt.str)
		}
		if got := tt.m.Dollars(); got != tt.dollars {
			t.Errorf("Dollars(%d) = %q, want %q", tt.m.Cents(), got, tt.dollars)
		}
	}
}

func TestMoneyJSON(t *testing.T) {
	var v struct {
		A Money `json:"a"`
		B Money `json:"b"`
		C Money `json:"c,omitzero"`
	}
	if err := json.Unmarshal([]byte(`{"a":"12.50","b":null}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A != Cents(1250) || v.B.Known() {
		t.Errorf("decoded %+v", v)
	}
	out, err := json.Marshal(v)
	if err != nil || string(out) != `{"a":"12.50","b":null}` {
		t.Errorf("encoded %s, %v", out, err)
	}
	for _, bad := range []string{`{"a":12.5}`, `{"a":"-1"}`, `{"a":"1.234"}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"", "0", "1850", "1,850.00", "$1850.5", "-1", ".5", "1.", "10000000000", "1e3", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		m, err := ParseMoney(in)
		if err != nil {
			if m != (Money{}) {
				t.Fatalf("ParseMoney(%q) = %+v with error %v", in, m, err)
			}
			if strings.TrimSpace(in) == "" {
				t.Fatalf("ParseMoney(%q): blank input gave error %v", in, err)
			}
			return
		}
		if !m.Known() {
			if strings.TrimSpace(in) != "" {
				t.Fatalf("ParseMoney(%q) = unknown for non-blank input", in)
			}
			return
		}
		if m.Cents() < 0 || m.Cents() > maxMoneyCents {
			t.Fatalf("ParseMoney(%q) = %d cents, outside [0, %d]", in, m.Cents(), int64(maxMoneyCents))
		}
		for _, s := range []string{m.String(), m.Dollars()} {
			again, err := ParseMoney(s)
			if err != nil || again != m {
				t.Fatalf("ParseMoney(%q) = %s, but ParseMoney(%q) = %+v, %v", in, m, s, again, err)
			}
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back Money
		if err := json.Unmarshal(b, &back); err != nil || back != m {
			t.Fatalf("JSON round trip of %s gave %+v, %v", m, back, err)
		}
	})
}
