"""newsbrief: many news articles in, one trustworthy, cited account out."""

from newsbrief.errors import NewsbriefError

__version__ = "0.1.0"
__all__ = ["NewsbriefError", "__version__"]
