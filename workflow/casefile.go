package workflow

import "encoding/json"

// MarshalCaseFile returns the case file of c, indented.
func MarshalCaseFile(c *Case) ([]byte, error) {
	return json.MarshalIndent(c, "", "  ")
}

// ParseCaseFile reads one case file.
func ParseCaseFile(data []byte) (*Case, error) {
	var c Case
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
