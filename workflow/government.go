package workflow

// GovernmentPlanNotice explains, for a government plan (Medicare,
// Medicaid), that the rules and deadlines Overturn computes do not apply.
// It returns "" for every other plan type.
func GovernmentPlanNotice(c *Case) string {
	if c == nil || c.Plan.Type != PlanGovernment {
		return ""
	}
	return "Government plans such as Medicare and Medicaid, including Medicare and Medicaid plans run by an insurer " +
		"like the one that sent your notice, follow their own appeal rules and deadlines. The deadlines Overturn computes, and the rules " +
		"behind them, are those of employer and individual health plans: they do not apply to your plan, so Overturn " +
		"shows no deadlines for this case rather than wrong ones. The notice you received explains how to appeal and " +
		"by when: follow the dates printed on it, and call the number on it if anything is unclear."
}
