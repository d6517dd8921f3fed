"""Writing files people open in spreadsheets.

>>> spreadsheet_safe("=HYPERLINK(\\"http://evil.example\\")")
'\\'=HYPERLINK("http://evil.example")'
>>> spreadsheet_safe("sam@trust.example")
'sam@trust.example'
>>> spreadsheet_safe({"role": "analyst"})
'{"role": "analyst"}'
>>> spreadsheet_safe(None)
''
"""

import json

# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """Text for one cell: mappings and lists as JSON, and never something a spreadsheet runs."""
    if value is None:
        return ""
    text = json.dumps(value) if isinstance(value, dict | list) else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
