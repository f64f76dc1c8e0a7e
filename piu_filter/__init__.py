"""piu-filter: find pregnancy ultrasound images and the private text on them; drop or redact them."""

__version__ = "0.1.0"

from piu_filter.config import RunConfig  # noqa: E402
from piu_filter.pipeline import Pipeline  # noqa: E402
from piu_filter.profile import Profile  # noqa: E402
from piu_filter.sample import Entity, Sample  # noqa: E402

__all__ = ["Entity", "Pipeline", "Profile", "RunConfig", "Sample", "__version__"]
