"""Analysis of argument maps: what a map says beyond its drawing."""
