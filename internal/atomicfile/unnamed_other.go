//go:build !linux

package atomicfile

import (
	"errors"
	"os"
)

// create makes the temporary file of Write, named after pattern (only
// Linux has unnamed ones).
func create(dir, pattern string) (*os.File, string, error) {
	f, err := CreateTemp(dir, pattern)
	if err != nil {
		return nil, "", err
	}
	return f, f.Name(), nil
}

var errUnnamed = errors.New("atomicfile: no unnamed files on this system")

func linkUnnamed(*os.File, string) error                       { return errUnnamed }
func linkUnnamedTemp(*os.File, string, string) (string, error) { return "", errUnnamed }
