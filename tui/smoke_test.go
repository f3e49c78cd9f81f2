package tui

import (
	"fmt"
	"testing"
)

func TestSmokePrint(t *testing.T) {
	st := newMemStore()
	d := newDriver(t, st, 80, 24, nil)
	fmt.Println(d.screen())
	d.keys("n")
	fmt.Println(d.screen())
	d.typ("MRI denied")
	d.keys("enter")
	d.typ("Dana Reyes")
	d.keys("enter", "enter")
	d.typ("E123")
	d.keys("enter")
	fmt.Println(d.screen())
	d.typ("2026-09-14")
	d.keys("enter", "enter", "enter")
	d.typ("2026-10-01")
	d.keys("enter")
	d.typ("CO-50, N130")
	fmt.Println(d.screen())
	d.keys("enter")
	d.typ("Not medically necessary")
	d.keys("enter")
	fmt.Println(d.screen())
	d.keys("enter")
	fmt.Println(d.screen())
	d.keys("x")
	fmt.Println(d.screen())
	d.keys("esc", "l")
	fmt.Println(d.screen())
	d.keys("esc", "esc")
	fmt.Println(d.screen())
}
