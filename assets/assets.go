// Package assets embeds the letter templates and data tables that package
// workflow reads through an fs.FS.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed letters codes
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
