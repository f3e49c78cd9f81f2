package ttybench

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
)

// FloorText is what the floor program's first frame shows.
const FloorText = "floor ready"

// BuildFloor builds the floor program, the smallest Bubble Tea v2 program
// kept in this package's testdata, to exe with the go command, and
// returns exe.
func BuildFloor(exe string) (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", fmt.Errorf("cannot find the floor's source")
	}
	cmd := exec.Command("go", "build", "-o", exe, "./testdata/floor")
	cmd.Dir = filepath.Dir(file)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build the floor: %v\n%s", err, out)
	}
	return exe, nil
}

// BoxFloorTarget is the floor drawing one box-drawing character besides
// its text: the least any program that draws one pays.
func BoxFloorTarget(exe string) Target {
	t := FloorTarget(exe)
	t.Name = "floor drawing ─"
	t.Argv = append(t.Argv, "-box")
	return t
}

// FloorTarget is the floor as a target: its first frame, and keys that
// each change its screen.
func FloorTarget(exe string) Target {
	return Target{
		Name:    "floor",
		Argv:    []string{exe},
		Ready:   FloorText,
		Screens: []Screen{{Name: "keys", Keys: [][]byte{[]byte("a"), []byte("b")}}},
	}
}
