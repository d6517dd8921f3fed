"""Rules of the codebase that are checked, not remembered."""

import ast
from pathlib import Path

import digiready

SOURCE = Path(digiready.__file__).parent
# Reference data anyone may read (frameworks views hide drafts themselves) and the anonymous
# conversation, which belongs to no organisation (its views check publication and roles);
# everything else a view reads goes through request.scope.
PUBLIC_MODELS = {
    "Organisation",
    "Framework",
    "FrameworkVersion",
    "Capability",
    "Crosswalk",
    "Campaign",
    "Contribution",
    "Comment",
    "Question",
    "ThemeRun",
    "Vote",
}


def bare_queries(path: Path, root: Path = SOURCE) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
            and node.value.id not in PUBLIC_MODELS
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno} {node.value.id}.objects")
    return found


def test_views_never_query_organisation_owned_data_directly() -> None:
    views = [
        *SOURCE.glob("*/views.py"),
        *SOURCE.glob("*/*_views.py"),
        *SOURCE.glob("*/views/*.py"),
    ]
    assert views, "no views found"
    offences = [offence for path in views for offence in bare_queries(path)]
    assert offences == [], "use request.scope instead of:\n" + "\n".join(offences)


def test_the_convention_check_finds_a_bare_query(tmp_path: Path) -> None:
    sample = tmp_path / "views.py"
    sample.write_text("def view(request):\n    return User.objects.all()\n")
    assert bare_queries(sample, tmp_path) == ["views.py:2 User.objects"]
