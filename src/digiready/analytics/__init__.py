"""Analytics: group metrics, survey weights and disclosure control (ANALYTICS.md sections 1-3)."""
