"""Analysis of argument maps: which claims stand, and how strongly."""
