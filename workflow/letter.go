package workflow

import (
	"errors"
	"io/fs"
)

// LetterKind names a letter; the values are those of `overturn letter --kind`.
type LetterKind string

// The letter kinds.
const (
	LetterLevel1         LetterKind = "level1"
	LetterLevel2         LetterKind = "level2"
	LetterExternal       LetterKind = "external"
	LetterFollowUp       LetterKind = "followup"
	LetterPhysician      LetterKind = "physician"
	LetterCorrectedClaim LetterKind = "corrected-claim"
	LetterAudit          LetterKind = "audit"
	LetterClaimFile      LetterKind = "claim-file"
	LetterComplaint      LetterKind = "complaint"
)

// Letters renders letters from templates parsed once.
type Letters struct{}

// NewLetters parses the letter templates in fsys.
func NewLetters(fsys fs.FS) (*Letters, error) {
	return &Letters{}, nil
}

// Render writes the letter of the given kind for the case, dated today.
// When required facts are missing it returns a *MissingError and no text.
func (l *Letters) Render(kind LetterKind, c *Case, today Date) (string, error) {
	return "", errors.New("letters are not implemented yet")
}
