package workflow

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in US cents. The zero Money means "not known yet",
// which is different from a known amount of 0.00 (Cents(0)).
type Money struct {
	cents int64
	known bool
}

// Cents returns a known amount of n cents.
func Cents(n int64) Money { return Money{cents: n, known: true} }

// Known reports whether the amount was given.
func (m Money) Known() bool { return m.known }

// IsZero reports whether the amount is unknown (for json's omitzero).
func (m Money) IsZero() bool { return !m.known }

// Cents returns the amount in cents (0 when unknown).
func (m Money) Cents() int64 { return m.cents }

// String returns the amount as a decimal string, "1850.00", or "" when unknown.
func (m Money) String() string {
	if !m.known {
		return ""
	}
	sign := ""
	c := m.cents
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// Dollars returns the amount as people read it in a letter: "$1,850.00".
func (m Money) Dollars() string {
	if !m.known {
		return ""
	}
	s := m.String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + "$" + b.String() + "." + frac
}

// maxMoneyCents bounds amounts to something a health claim can be:
// ten billion dollars, far inside int64.
const maxMoneyCents = 1_000_000_000_000

// ParseMoney reads a non-negative amount with at most two decimals:
// "1850", "1850.5", "1,850.00", "$1850.00". The empty string gives
// the unknown Money.
func ParseMoney(s string) (Money, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Money{}, nil
	}
	t = strings.TrimPrefix(t, "$")
	t = strings.ReplaceAll(t, ",", "")
	if strings.HasPrefix(t, "-") {
		return Money{}, fmt.Errorf("%q is negative: enter the amount without a minus sign", s)
	}
	if t == "" {
		return Money{}, fmt.Errorf("%q is not an amount: write it like 1850.00", s)
	}
	whole, frac, hasFrac := strings.Cut(t, ".")
	if whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || (hasFrac && !allDigits(frac)) || (hasFrac && frac == "") {
		return Money{}, fmt.Errorf("%q is not an amount: write it like 1850.00", s)
	}
	if len(frac) > 2 {
		return Money{}, fmt.Errorf("%q has more than two decimals: write cents as two digits, like 1850.25", s)
	}
	if len(whole) > 12 {
		return Money{}, fmt.Errorf("%q is too large to be a claim amount", s)
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	c := w*100 + f
	if c > maxMoneyCents {
		return Money{}, fmt.Errorf("%q is too large to be a claim amount", s)
	}
	return Cents(c), nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MarshalJSON writes "1850.00", or null when unknown.
func (m Money) MarshalJSON() ([]byte, error) {
	if !m.known {
		return []byte("null"), nil
	}
	return json.Marshal(m.String())
}

// UnmarshalJSON reads a decimal string; null and "" give the unknown Money.
func (m *Money) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = Money{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("an amount must be a string like \"1850.00\"")
	}
	v, err := ParseMoney(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}
