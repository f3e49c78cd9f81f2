// Package assets embeds the letter templates and data tables (denial
// codes, insurer profiles, regulators) that packages workflow and letter
// read through an fs.FS.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed letters codes insurers regulators
var files embed.FS

// Letters returns the letter templates.
func Letters() fs.FS {
	sub, err := fs.Sub(files, "letters")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// Codes returns the denial-code tables.
func Codes() fs.FS {
	sub, err := fs.Sub(files, "codes")
	if err != nil {
		panic(err)
	}
	return sub
}

// Insurers returns the insurer profiles, one JSON file per insurer.
func Insurers() fs.FS {
	sub, err := fs.Sub(files, "insurers")
	if err != nil {
		panic(err)
	}
	return sub
}

// Regulators returns the state and federal regulator tables.
func Regulators() fs.FS {
	sub, err := fs.Sub(files, "regulators")
	if err != nil {
		panic(err)
	}
	return sub
}
