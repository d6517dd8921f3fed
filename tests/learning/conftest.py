"""A small catalogue against the bundled Digital Ready framework, written as a person would."""

import pytest

from digiready.frameworks.models import Framework, FrameworkVersion
from digiready.learning.catalogue import COLUMNS

HEADER = ",".join(COLUMNS)
SMALL = "\n".join(
    [
        HEADER,
        "Becoming a digital champion,NHS Learning Hub,https://learninghub.nhs.uk/,"
        '"What a champion does, and how.",e-learning,45,0,digital-ready,DL.1,1-2',
        "Leading digital change,FutureLearn,https://www.futurelearn.com/,"
        "A six-week course.,course,1080,120,digital-ready,DL.1;DL.3,3-4",
        "Leading digital change,FutureLearn,https://www.futurelearn.com/,"
        "A six-week course.,course,1080,120,organisational-maturity,WL.1,2-3",
        "Spreadsheets for everyone,OpenLearn,https://www.open.edu/openlearn/,"
        "Sorting and formulas.,course,480,0,digital-ready,DA.3,1-2",
    ]
).encode()


@pytest.fixture
def digital_ready() -> FrameworkVersion:
    version = Framework.objects.get(slug="digital-ready").current_version()
    assert version is not None
    return version
