package main

import (
	"sync"

	"github.com/overturn/overturn/assets"
	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/workflow"
)

// engine is what the commands and the wizard read besides the case file:
// the insurer profiles and regulators, the denial codes and the letter
// templates, all shipped inside the binary.
type engine struct {
	ref     *workflow.Reference
	codes   *workflow.CodeTable
	letters *letter.Engine
}

// loadEngine reads the shipped data once. It fails only when the binary
// itself is broken.
var loadEngine = sync.OnceValues(func() (*engine, error) {
	insurers, err := workflow.LoadInsurers(assets.Insurers())
	if err != nil {
		return nil, err
	}
	regulators, err := workflow.LoadRegulators(assets.Regulators())
	if err != nil {
		return nil, err
	}
	codes, err := workflow.LoadCodes(assets.Codes())
	if err != nil {
		return nil, err
	}
	ref := workflow.NewReference(insurers, regulators)
	letters, err := letter.New(assets.Letters(), ref, codes)
	if err != nil {
		return nil, err
	}
	return &engine{ref: ref, codes: codes, letters: letters}, nil
})
