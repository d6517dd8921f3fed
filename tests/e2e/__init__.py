"""End-to-end tests: the service in a real browser, every page checked with axe-core."""
