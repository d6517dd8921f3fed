"""The accessibility check itself: it must fail on a page that breaks the rules."""

import pytest
from playwright.sync_api import Page

from .accessibility import assert_accessible

pytestmark = pytest.mark.e2e

BROKEN_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>
<body><main><h1>Broken</h1><img src="data:,"><input type="text"></main></body></html>"""


def test_accessibility_check_names_each_rule_a_page_breaks(page: Page) -> None:
    # Given a page with an image without a text alternative and a text box without a label
    page.set_content(BROKEN_PAGE)

    # When it is checked, then the check fails and names both rules and where they are broken
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    assert "image-alt (critical)" in str(failure.value)
    assert "label (critical)" in str(failure.value)
    assert "at img" in str(failure.value)
