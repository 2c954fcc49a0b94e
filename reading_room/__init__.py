"""Reading Room: an offline reading room for collections of historical documents."""

__version__ = "0.1.0"
